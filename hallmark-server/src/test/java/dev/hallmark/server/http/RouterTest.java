package dev.hallmark.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    static final Route OK = r -> Response.empty(204);

    static final Router ROUTER = new Router(List.of(
            RouteGroup.builder("registry", "/").get("/{name}", OK).get("/{scope}/{name}", OK).put("/{name}", OK).build(),
            RouteGroup.builder("log", "/log")
                    .get("/api/v1/log/entries/{uuid}", OK)
                    .post("/api/v1/log/entries/retrieve", OK)
                    .get("/tile/{path...}", OK)
                    .get("/tile/entries/{path...}", OK)
                    .get("/checkpoint", OK)
                    .build(),
            RouteGroup.builder("system", "/").get("/healthz", OK).build()));

    static Router.Found found(String method, String path) {
        return (Router.Found) ROUTER.find(method, path);
    }

    @Test
    void literalSegmentsWinOverParametersAndRest() {
        assertThat(found("GET", "/healthz").group()).isEqualTo("system");
        assertThat(found("GET", "/left-pad").group()).isEqualTo("registry");
        assertThat(found("GET", "/log/checkpoint").group()).isEqualTo("log");
        assertThat(found("GET", "/log/tile/entries/000.p/5").pathParams()).isEqualTo(Map.of("path", "000.p/5"));
        assertThat(found("GET", "/log/tile/0/x001/234").pathParams()).isEqualTo(Map.of("path", "0/x001/234"));
        assertThat(found("POST", "/log/api/v1/log/entries/retrieve").endpoint().method()).isEqualTo("POST");
        assertThat(found("GET", "/log/api/v1/log/entries/abc").pathParams()).isEqualTo(Map.of("uuid", "abc"));
    }

    @Test
    void aPathWithoutTheMethodIs405WithTheAllowedMethods() {
        assertThat(ROUTER.find("DELETE", "/left-pad")).isEqualTo(new Router.MethodNotAllowed("registry", java.util.Set.of("GET", "PUT")));
        assertThat(ROUTER.find("GET", "/log/api/v1/log/entries/retrieve")).isInstanceOf(Router.Found.class); // the {uuid} GET
    }

    @Test
    void unknownPathsAreNotFound() {
        assertThat(ROUTER.find("GET", "/a/b/c")).isInstanceOf(Router.NotFound.class);
        assertThat(ROUTER.find("GET", "/log/tile/")).isInstanceOf(Router.NotFound.class);
        assertThat(ROUTER.find("GET", "/")).isInstanceOf(Router.NotFound.class);
        assertThat(ROUTER.find("GET", "/log/checkpoint/")).isInstanceOf(Router.NotFound.class);
    }

    @Test
    void parametersArePercentDecodedPerSegment() {
        assertThat(found("GET", "/@scope%2Fname").pathParams()).isEqualTo(Map.of("name", "@scope/name"));
        assertThat(found("GET", "/@scope/name").pathParams()).isEqualTo(Map.of("scope", "@scope", "name", "name"));
        assertThat(found("GET", "/a+b%20c%C3%A9").pathParams()).isEqualTo(Map.of("name", "a+b c\u00e9"));
        assertThat(found("GET", "/log/tile/a%2Fb/c").pathParams()).isEqualTo(Map.of("path", "a/b/c"));
        assertThat(ROUTER.find("GET", "/bad%zz")).isInstanceOf(Router.NotFound.class);
        assertThat(ROUTER.find("GET", "/bad%C3")).as("invalid UTF-8").isInstanceOf(Router.NotFound.class);
        assertThat(ROUTER.find("GET", "/bad%2")).isInstanceOf(Router.NotFound.class);
    }

    @Test
    void registrationMistakesFailAtStartUp() {
        assertThatThrownBy(() -> new Router(List.of(RouteGroup.builder("a", "/").get("/x", OK).build(),
                RouteGroup.builder("b", "/").get("/x", OK).build()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router(List.of(RouteGroup.builder("a", "/a").build(), RouteGroup.builder("a", "/b").build())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteGroup.builder("log", "/log/").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPattern.parse("/tile/{rest...}/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPattern.parse("/a{b}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteGroup.builder("x", "/").add("get", "/a", OK)).isInstanceOf(IllegalArgumentException.class);
    }
}
