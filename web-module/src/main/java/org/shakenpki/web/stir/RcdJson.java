package org.shakenpki.web.stir;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.shakenpki.stir.RcdResult;
import org.shakenpki.web.JsonBuilders;

/**
 * The {@code rcd} member of a verification response (RFC 9795; docs/interop.md, "Rich Call Data"):
 * {@code {"status":"verified"|"unprotected"|"failed","reason","ppt","nam","apn","crn",
 * "icn":{"url","digest"},"links":[{"pointer","url","digest"}],"jcd":"<digest state>"}}, where a digest state is
 * {@code verified}, {@code mismatch}, {@code unavailable} or {@code not-covered}. Show the caller the RCD only when
 * {@code status} is {@code verified}.
 */
final class RcdJson {
    private RcdJson() {
    }

    static JsonObjectBuilder render(RcdResult rcd) {
        JsonObjectBuilder out = JsonBuilders.object().add("status", rcd.status().value()).add("reason", rcd.reason());
        add(out, "ppt", rcd.ppt());
        add(out, "nam", rcd.nam());
        add(out, "apn", rcd.apn());
        add(out, "crn", rcd.crn());
        RcdResult.Link icn = rcd.icn();
        if (icn != null) {
            out.add("icn", JsonBuilders.object().add("url", icn.url()).add("digest", icn.digest().value()));
        }
        if (!rcd.links().isEmpty()) {
            JsonArrayBuilder links = JsonBuilders.array();
            for (RcdResult.Link link : rcd.links()) {
                links.add(JsonBuilders.object().add("pointer", link.pointer()).add("url", link.url())
                        .add("digest", link.digest().value()));
            }
            out.add("links", links);
        }
        if (rcd.jcd() != null) {
            out.add("jcd", rcd.jcd().value());
        }
        return out;
    }

    private static void add(JsonObjectBuilder out, String name, String value) {
        if (value != null) {
            out.add(name, value);
        }
    }
}
