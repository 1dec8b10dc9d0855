package org.confidant.lifecycle.web;

import org.confidant.crypto.DeploymentSigning;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public half of the deployment's signing key, for anyone to check an erasure receipt
 * (or a shredding receipt, an audit checkpoint) without trusting the database: as a JWK
 * set (RFC 7517/8037) and as a PEM public key for {@code openssl}. Public, readable from
 * any origin.
 */
@RestController
class SigningKeyController {

    private final DeploymentSigning signing;

    SigningKeyController(DeploymentSigning signing) {
        this.signing = signing;
    }

    @GetMapping("/.well-known/confidant-signing-key")
    ResponseEntity<String> jwks() {
        return ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .body("{\"keys\":[" + signing.publicJwk() + "]}");
    }

    @GetMapping("/.well-known/confidant-signing-key.pem")
    ResponseEntity<String> pem() {
        return ResponseEntity.ok()
            .contentType(new MediaType("application", "x-pem-file"))
            .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .body(signing.publicKeyPem());
    }

}
