package org.tongban.identity.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SmsProperties;
import org.tongban.identity.internal.DevInboxSmsGateway;
import org.tongban.shared.InvalidValueException;

/**
 * The development SMS inbox ({@code /dev/sms}): what the dev-inbox gateway would have sent. Exists only with
 * {@code tongban.identity.sms.gateway=dev-inbox}; without it the path is a plain 404.
 */
@Controller
@ConditionalOnProperty(name = "tongban.identity.sms.gateway", havingValue = SmsProperties.DEV_INBOX)
class DevInboxPages {

    private final DevInboxSmsGateway inbox;

    DevInboxPages(DevInboxSmsGateway inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/dev/sms")
    String inbox(@RequestParam(defaultValue = "") String phone, Model model) {
        PhoneNumber filter = null;
        if (!phone.isBlank()) {
            try {
                filter = new PhoneNumber(phone);
            } catch (InvalidValueException e) {
                model.addAttribute("phoneError", true);
            }
        }
        model.addAttribute("phone", phone.strip());
        model.addAttribute("messages", inbox.latest(filter, 50));
        return "identity/sms-inbox";
    }
}
