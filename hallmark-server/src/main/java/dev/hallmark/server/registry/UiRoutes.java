package dev.hallmark.server.registry;

import dev.hallmark.registry.ui.WebPages;
import dev.hallmark.registry.ui.WebPages.Viewer;
import dev.hallmark.server.http.Request;
import dev.hallmark.server.http.Response;
import dev.hallmark.server.http.RouteGroup;
import java.util.Optional;

/**
 * The registry's web pages under {@code /-/ui/} (DESIGN.md "Paths under the public URL"), and {@code GET /}, which
 * sends a browser there. {@code GET /} from npm or any client not asking for HTML answers as before: 404 in the
 * API's error shape. Scoped names arrive escaped ({@code @scope%2fname}) or as two segments, as in the npm API.
 */
final class UiRoutes {
    private UiRoutes() {
    }

    static RouteGroup routes(WebPages pages) {
        return RouteGroup.builder("ui", "/")
                .get("/", r -> WebPages.wantsHtml(r.header("accept"))
                        ? RegistryService.http(pages.redirectHome())
                        : Response.error(404, "not found"))
                .get("/-/ui", r -> RegistryService.http(pages.redirectHome()))
                .get("/-/ui/", r -> RegistryService.http(pages.index(r.queryParam("q"), r.queryParam("from"),
                        viewer(r))))
                .get("/-/ui/hallmark.css", r -> RegistryService.http(pages.stylesheet()))
                .get("/-/ui/package/{name}", r -> RegistryService.http(pages.packagePage(r.pathParam("name"),
                        Optional.empty(), viewer(r))))
                .get("/-/ui/package/{scope}/{name}", r -> RegistryService.http(pages.packagePage(scoped(r),
                        Optional.empty(), viewer(r))))
                .get("/-/ui/package/{name}/v/{version}", r -> RegistryService.http(pages.packagePage(
                        r.pathParam("name"), Optional.of(r.pathParam("version")), viewer(r))))
                .get("/-/ui/package/{scope}/{name}/v/{version}", r -> RegistryService.http(pages.packagePage(
                        scoped(r), Optional.of(r.pathParam("version")), viewer(r))))
                .get("/-/ui/log/{index}", r -> RegistryService.http(pages.logEntry(r.pathParam("index"), viewer(r))))
                .get("/-/ui/{rest...}", r -> RegistryService.http(pages.notFound()))
                .build();
    }

    private static String scoped(Request r) {
        return r.pathParam("scope") + "/" + r.pathParam("name");
    }

    private static Viewer viewer(Request r) {
        return new Viewer(r.header("authorization"), r.remoteAddress());
    }
}
