/**
 * hallmark-ca: see DESIGN.md. Built by its own issue; this module holds nothing yet.
 */
package dev.hallmark.ca;
