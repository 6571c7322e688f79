package dev.hallmark.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadmeTest {
    private static String md(String source) {
        return Readme.render(source, Optional.of("README.md")).html();
    }

    @Test
    void rendersCommonMarkAndTables() {
        String html = md("# Title\n\nSome *text* and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assertThat(html).contains("<h1>Title</h1>").contains("<em>text</em>").contains("<code>code</code>")
                .contains("<table>").contains("<td>1</td>");
    }

    @Test
    void rawHtmlIsEscapedNotPassedThrough() {
        String html = md("Hello <script>alert(1)</script>\n\n<div onmouseover=\"x()\">block</div>\n\n"
                + "<img src=x onerror=alert(1)>\n");
        assertThat(html).doesNotContain("<script").doesNotContain("<div").doesNotContain("<img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;div onmouseover=");
    }

    @Test
    void scriptLinksAreSanitisedAndOtherLinksMarkedNofollow() {
        String html = md("[a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=) [c](https://example.com)");
        assertThat(html).doesNotContain("javascript:").doesNotContain("data:text/html")
                .contains("<a rel=\"nofollow noopener noreferrer\" href=\"https://example.com\">c</a>");
    }

    @Test
    void imagesBecomeLinksBecauseThePageLoadsNoThirdPartyImages() {
        assertThat(md("![logo *x*](https://example.com/logo.png)")).doesNotContain("<img")
                .contains("<a href=\"https://example.com/logo.png\" class=\"image-link\" "
                        + "rel=\"nofollow noopener noreferrer\">image: logo x</a>");
        assertThat(md("![rel](docs/a.png) ![js](javascript:alert(1))")).doesNotContain("<a ")
                .contains("image: rel").contains("image: js");
    }

    @Test
    void aReadmeThatIsNotMarkdownIsPreformattedText() {
        assertThat(Readme.render("# not a heading <b>\n", Optional.of("README.txt")).html())
                .isEqualTo("<pre class=\"readme-text\"># not a heading &lt;b&gt;\n</pre>");
        assertThat(Readme.render("x", Optional.of("README")).html()).startsWith("<pre");
        assertThat(Readme.render("# h", Optional.empty()).html()).contains("<h1>h</h1>");
    }

    @Test
    void nestingBeyondTheRendererDepthIsShownAsText() {
        String deep = ">".repeat(20_000) + " deep <script>\n";
        String html = md(deep);
        assertThat(html).startsWith("<pre").doesNotContain("<script").doesNotContain("<blockquote>");
        assertThat(md(">".repeat(10) + " shallow\n")).contains("<blockquote>").contains("shallow");
    }

    @Test
    void anOverlongReadmeIsCut() {
        String html = Readme.render("a".repeat(Readme.MAX_CHARS + 10), Optional.of("README.md")).html();
        assertThat(html.length()).isLessThan(Readme.MAX_CHARS + 100);
    }
}
