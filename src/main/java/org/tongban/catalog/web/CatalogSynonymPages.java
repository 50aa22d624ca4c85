package org.tongban.catalog.web;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.catalog.internal.Synonyms;
import org.tongban.identity.SignedIn;
import org.tongban.shared.InvalidValueException;

/**
 * Search synonyms administrators edit (营业执照 ~ 工商登记, 开饭店 ~ 食品经营). Search widens a query with them when it
 * runs, so a change needs no reindexing. Role CATALOG_ADMIN.
 */
@Controller
@RequestMapping("/admin/catalog/synonyms")
class CatalogSynonymPages {

    private static final Logger audit = LoggerFactory.getLogger("tongban.audit.catalog");

    private final Synonyms synonyms;
    private final MessageSource messages;

    CatalogSynonymPages(Synonyms synonyms, MessageSource messages) {
        this.synonyms = synonyms;
        this.messages = messages;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("groups", synonyms.list());
        if (!model.containsAttribute("terms")) {
            model.addAttribute("terms", "");
        }
        return "catalog/synonyms";
    }

    @PostMapping
    String add(@AuthenticationPrincipal SignedIn admin, @RequestParam(defaultValue = "") String terms, Model model,
            HttpServletResponse response, Locale locale) {
        try {
            synonyms.add(terms);
            audit.info("synonym group [{}] added by {}", terms, admin.accountId());
            return "redirect:/admin/catalog/synonyms?added";
        } catch (InvalidValueException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("terms", terms);
            model.addAttribute("termsError", messages.getMessage(e.code(), e.arguments(), e.code(), locale));
            return page(model);
        }
    }

    @PostMapping("/{id}/delete")
    String remove(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id) {
        if (synonyms.remove(id)) {
            audit.info("synonym group {} removed by {}", id, admin.accountId());
        }
        return "redirect:/admin/catalog/synonyms?removed";
    }
}
