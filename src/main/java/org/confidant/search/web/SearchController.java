package org.confidant.search.web;

import org.confidant.access.Grants;
import org.confidant.search.SearchManagement;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search page: the member's query and the conversations it finds among those they can
 * open, newest activity first, a page at a time. The conversations page's search box
 * sends its query here; on this page, htmx replaces the results in place. A query over
 * {@value SearchManagement#MAX_QUERY} characters is refused (400) and changes nothing.
 * Members who manage privacy may rebuild the index from what is stored (a job).
 */
@Controller
class SearchController {

    private final SearchManagement search;

    SearchController(SearchManagement search) {
        this.search = search;
    }

    @GetMapping("/app/search")
    String search(Grants me, @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
            Model model) {
        model.addAttribute("results", search.search(me, q, page));
        return "search/search";
    }

    /** Starts rebuilding the workspace's index; its progress is on the job's page. */
    @PostMapping("/app/search/reindex")
    String reindex(Grants me) {
        return "redirect:/app/jobs/" + search.reindex(me);
    }

}
