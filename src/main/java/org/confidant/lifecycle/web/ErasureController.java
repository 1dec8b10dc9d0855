package org.confidant.lifecycle.web;

import jakarta.servlet.http.HttpServletResponse;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.job.JobId;
import org.confidant.lifecycle.ErasureManagement;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.TypedConfirmation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The erasure page ({@code /app/privacy/erasure}, {@code contacts.erase}): erase a
 * contact or every contact with an email address, after typing {@value #PHRASE}; the
 * job's page shows the progress, and this page lists the signed receipts, each
 * downloadable as JSON.
 */
@Controller
class ErasureController {

    static final String PHRASE = "erase permanently";

    private final ErasureManagement erasures;

    ErasureController(ErasureManagement erasures) {
        this.erasures = erasures;
    }

    @GetMapping("/app/privacy/erasure")
    String page(Grants me, @RequestParam(defaultValue = "") String contact, Model model) {
        model.addAttribute("receipts", erasures.recent(me));
        model.addAttribute("contact", contact);
        model.addAttribute("phrase", PHRASE);
        return "lifecycle/erasure";
    }

    /** Erases the contact named, or else every contact with the email given. */
    @PostMapping("/app/privacy/erasure")
    String erase(Grants me, @RequestParam(defaultValue = "") String contact,
            @RequestParam(defaultValue = "") String email, @RequestParam(required = false) String confirmation,
            Model model, HttpServletResponse response) {
        me.require(Permission.CONTACTS_ERASE);
        try {
            TypedConfirmation.require(PHRASE, confirmation);
            JobId job = contact.isBlank() ? erasures.eraseEmail(me, email) : erasures.eraseContact(me, contact);
            return "redirect:/app/jobs/" + job;
        }
        catch (Rejected rejected) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", rejected.getMessage());
            return page(me, contact, model);
        }
    }

    /** A receipt, as the JSON document anyone can check against the published key. */
    @GetMapping("/app/privacy/erasure/{job}/receipt")
    ResponseEntity<String> receipt(Grants me, @PathVariable String job) {
        ErasureManagement.Receipt receipt = erasures.receipt(me, parse(job)).orElseThrow(() -> new NotFound("receipt"));
        return ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .header("Content-Disposition", "attachment; filename=\"erasure-receipt-" + receipt.job() + ".json\"")
            .body(receipt.document());
    }

    static JobId parse(String id) {
        try {
            return JobId.of(id);
        }
        catch (IllegalArgumentException malformed) {
            throw new NotFound("erasure");
        }
    }

}
