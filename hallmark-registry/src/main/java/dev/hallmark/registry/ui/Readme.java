package dev.hallmark.registry.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Code;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * A package's readme as page markup: CommonMark (with GFM tables) through commonmark-java, with raw HTML blocks and
 * inlines escaped rather than passed through, link URLs limited to http, https and mailto, and images shown as links
 * (the page's CSP allows no third-party images, and a relative image has nothing to point at here). Readmes that are
 * not markdown, too long, or nested deeper than the renderer's recursion should go, are shown as preformatted text.
 */
final class Readme {
    /** The tarball inspector's readme limit is 1 MiB; anything beyond is cut, not rendered. */
    static final int MAX_CHARS = 1 << 20;
    /** The HTML renderer recurses once per nesting level: deeper documents are shown as text. */
    static final int MAX_DEPTH = 64;
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final AttributeProvider LINK_ATTRIBUTES = (Node node, String tag, Map<String, String> attributes) -> {
        if (node instanceof Link) {
            attributes.put("rel", "nofollow noopener noreferrer");
        }
    };
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(LINK_SCHEMES))
            .nodeRendererFactory(ImageAsLink::new)
            .attributeProviderFactory(context -> LINK_ATTRIBUTES)
            .build();

    private Readme() {
    }

    /**
     * @param fileName the readme's file name when known; markdown unless it names another kind ({@code README.txt},
     *     a bare {@code README}), as npm's own site does
     */
    static RenderedHtml render(String source, Optional<String> fileName) {
        String text = source.length() > MAX_CHARS ? source.substring(0, MAX_CHARS) : source;
        if (fileName.isPresent() && !isMarkdown(fileName.get())) {
            return preformatted(text);
        }
        Node document = PARSER.parse(text);
        if (deeperThan(document, MAX_DEPTH)) {
            return preformatted(text);
        }
        return new RenderedHtml(RENDERER.render(document));
    }

    static boolean isMarkdown(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".mdown")
                || lower.endsWith(".mkd") || lower.endsWith(".mkdn");
    }

    private static RenderedHtml preformatted(String text) {
        return new RenderedHtml("<pre class=\"readme-text\">" + Html.escape(text) + "</pre>");
    }

    /** Depth-first without recursion, so the check itself cannot overflow. */
    static boolean deeperThan(Node root, int limit) {
        Node node = root;
        int depth = 0;
        while (true) {
            if (depth > limit) {
                return true;
            }
            if (node.getFirstChild() != null) {
                node = node.getFirstChild();
                depth++;
                continue;
            }
            while (node != root && node.getNext() == null) {
                node = node.getParent();
                depth--;
            }
            if (node == root) {
                return false;
            }
            node = node.getNext();
        }
    }

    /** {@code ![alt](url)} as {@code <a href="url">alt</a>}, or the alt text alone when the URL is not absolute. */
    private static final class ImageAsLink implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        ImageAsLink(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            Image image = (Image) node;
            String alt = altText(image);
            String label = "image: " + (alt.isBlank() ? image.getDestination() : alt);
            HtmlWriter out = context.getWriter();
            String url = context.urlSanitizer().sanitizeLinkUrl(image.getDestination());
            Optional<String> href = Html.safeHref(url).filter(u -> !u.startsWith("/"));
            if (href.isEmpty()) {
                out.text(label);
                return;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("href", context.encodeUrl(href.get()));
            attributes.put("class", "image-link");
            attributes.put("rel", "nofollow noopener noreferrer");
            out.tag("a", attributes);
            out.text(label);
            out.tag("/a");
        }

        private static String altText(Node image) {
            StringBuilder alt = new StringBuilder();
            Node node = image.getFirstChild();
            while (node != null && node != image) {
                if (node instanceof Text t) {
                    alt.append(t.getLiteral());
                } else if (node instanceof Code c) {
                    alt.append(c.getLiteral());
                }
                if (node.getFirstChild() != null) {
                    node = node.getFirstChild();
                    continue;
                }
                while (node != image && node.getNext() == null) {
                    node = node.getParent();
                }
                node = node == image ? null : node.getNext();
            }
            return alt.toString();
        }
    }
}
