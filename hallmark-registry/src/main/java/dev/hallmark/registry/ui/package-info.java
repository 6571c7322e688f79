/**
 * The registry's web pages ({@code /-/ui/…}): package pages with versions, readme, install line and provenance, the
 * package index with search, and the log entry page. Server-rendered HTML, every value escaped on the way out
 * ({@link dev.hallmark.registry.ui.Html}), readme markdown without raw HTML, one stylesheet and no scripts. No HTTP
 * types here: {@link dev.hallmark.registry.ui.WebPages} answers plain responses that the server routes.
 */
package dev.hallmark.registry.ui;
