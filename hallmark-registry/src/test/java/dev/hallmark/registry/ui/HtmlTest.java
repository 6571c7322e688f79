package dev.hallmark.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesEveryCharacterThatEndsTextOrAQuotedAttribute() {
        assertThat(Html.escape("<script>alert(\"x\" + 'y')</script> & co"))
                .isEqualTo("&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;)&lt;/script&gt; &amp; co");
    }

    @Test
    void dropsControlCharactersButKeepsWhitespaceAndUnicode() {
        assertThat(Html.escape("a\u0000b\u0007c\td\ne ✓")).isEqualTo("abc\td\ne ✓");
    }

    @Test
    void linksOnlyToHttpUrlsAndPathsOnThisSite() {
        assertThat(Html.safeHref("https://github.com/o/r")).contains("https://github.com/o/r");
        assertThat(Html.safeHref("http://example.com/x?y=1")).isPresent();
        assertThat(Html.safeHref("/-/ui/package/x")).contains("/-/ui/package/x");
        assertThat(Html.safeHref("#provenance")).contains("#provenance");
        assertThat(Html.safeHref("#x\"y")).isEmpty();
        assertThat(Html.safeHref("javascript:alert(1)")).isEmpty();
        assertThat(Html.safeHref("JavaScript:alert(1)")).isEmpty();
        assertThat(Html.safeHref("data:text/html,<script>")).isEmpty();
        assertThat(Html.safeHref("//evil.example/x")).isEmpty();
        assertThat(Html.safeHref("/\\evil.example")).isEmpty();
        assertThat(Html.safeHref("https:///no-host")).isEmpty();
        assertThat(Html.safeHref("git+https://github.com/o/r.git")).isEmpty();
        assertThat(Html.safeHref("")).isEmpty();
    }

    @Test
    void markupEscapesTextAndAttributesAndDropsUnsafeLinks() {
        Markup out = new Markup();
        out.element("p", "<b>", "title", "\"><script>").link("javascript:alert(1)", "click <me>")
                .link("https://example.com/?a=1&b=2", "ok");
        assertThat(out.toString()).isEqualTo("<p title=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;</p>click &lt;me&gt;"
                + "<a href=\"https://example.com/?a=1&amp;b=2\">ok</a>");
    }

    @Test
    void refusesDataAsATagOrAttributeName() {
        assertThatThrownBy(() -> new Markup().open("img src=x onerror=alert(1)"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Markup().open("a", "onclick=\"x\" href", "y"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
