package dev.hallmark.cli.pack;

import java.util.ArrayList;
import java.util.List;

/**
 * Matching a split path against one alternative of a {@link Glob}, segment by segment, with minimatch 10's rules for
 * {@code **} (which never crosses a {@code .} or {@code ..} segment) and for partial matches (a directory that a
 * deeper file could still match). Where minimatch's globstar search gives up early or computes a search bound
 * oddly, this does the same, so both agree on every input, not only on sensible ones.
 */
final class GlobMatch {
    /** minimatch's bound on nested globstar sections; beyond it a pattern deliberately fails to match. */
    private static final int MAX_GLOBSTAR_DEPTH = 200;

    private GlobMatch() {
    }

    static boolean matchOne(List<String> file, List<GlobPart> pattern, boolean partial) {
        for (GlobPart part : pattern) {
            if (part instanceof GlobPart.Globstar) {
                return matchGlobstar(file, pattern, partial);
            }
        }
        return matchSimple(file, pattern, partial, 0, 0);
    }

    /** Segment-wise match without {@code **}, starting at the given indexes. */
    private static boolean matchSimple(List<String> file, List<GlobPart> pattern, boolean partial, int fileIndex,
                                       int patternIndex) {
        int fi = fileIndex;
        int pi = patternIndex;
        int fl = file.size();
        int pl = pattern.size();
        for (; fi < fl && pi < pl; fi++, pi++) {
            if (!segment(pattern.get(pi), file.get(fi))) {
                return false;
            }
        }
        if (fi == fl && pi == pl) {
            return true;
        }
        if (fi == fl) {
            return partial;
        }
        if (pi == pl) {
            // a pattern that ran out matches a path with one trailing slash left ("a/*" matches "a/b/")
            return fi == fl - 1 && file.get(fi).isEmpty();
        }
        throw new IllegalStateException("unreachable glob match state");
    }

    private static boolean segment(GlobPart part, String f) {
        return switch (part) {
            case GlobPart.Globstar g -> false;
            case GlobPart.Exact e -> e.text().equals(f);
            case GlobPart.Test t -> t.test().test(f);
        };
    }

    private static boolean isDots(String f) {
        return f.equals(".") || f.equals("..");
    }

    private static boolean matchGlobstar(List<String> file, List<GlobPart> pattern, boolean partial) {
        int firstGlobstar = indexOfGlobstar(pattern);
        int lastGlobstar = lastIndexOfGlobstar(pattern);
        List<GlobPart> head = pattern.subList(0, firstGlobstar);
        List<GlobPart> body = partial ? pattern.subList(firstGlobstar + 1, pattern.size())
                : pattern.subList(firstGlobstar + 1, Math.max(firstGlobstar + 1, lastGlobstar));
        List<GlobPart> tail = partial ? List.of() : pattern.subList(lastGlobstar + 1, pattern.size());
        int fileIndex = 0;
        if (!head.isEmpty()) {
            List<String> fileHead = file.subList(0, Math.min(head.size(), file.size()));
            if (!matchSimple(fileHead, head, partial, 0, 0)) {
                return false;
            }
            fileIndex += head.size();
        }
        int fileTailMatch = 0;
        if (!tail.isEmpty()) {
            if (tail.size() + fileIndex > file.size()) {
                return false;
            }
            int tailStart = file.size() - tail.size();
            if (matchSimple(file, tail, partial, tailStart, 0)) {
                fileTailMatch = tail.size();
            } else {
                // "a/**/b" against "a/x/b/": try once more without the trailing empty segment
                if (!file.get(file.size() - 1).isEmpty() || fileIndex + tail.size() == file.size()) {
                    return false;
                }
                tailStart--;
                if (!matchSimple(file, tail, partial, tailStart, 0)) {
                    return false;
                }
                fileTailMatch = tail.size() + 1;
            }
        }
        if (body.isEmpty()) {
            boolean sawSome = fileTailMatch != 0;
            for (int i = fileIndex; i < file.size() - fileTailMatch; i++) {
                sawSome = true;
                if (isDots(file.get(i))) {
                    return false;
                }
            }
            return partial || sawSome;
        }
        // split the body at its inner globstars; each section gets minimatch's last start position
        List<List<GlobPart>> sections = new ArrayList<>();
        sections.add(new ArrayList<>());
        List<Integer> partsBefore = new ArrayList<>(List.of(0));
        int nonGlobstarParts = 0;
        for (GlobPart b : body) {
            if (b instanceof GlobPart.Globstar) {
                partsBefore.add(nonGlobstarParts);
                sections.add(new ArrayList<>());
            } else {
                sections.get(sections.size() - 1).add(b);
                nonGlobstarParts++;
            }
        }
        int[] after = new int[sections.size()];
        int fileLength = file.size() - fileTailMatch;
        int k = sections.size() - 1;
        for (int s = 0; s < sections.size(); s++) {
            after[s] = fileLength - (partsBefore.get(k--) + sections.get(s).size());
        }
        return Boolean.TRUE.equals(matchSections(file, sections, after, fileIndex, 0, partial, 0, fileTailMatch != 0));
    }

    /** TRUE: match; FALSE: try further; null: no match and stop searching. */
    private static Boolean matchSections(List<String> file, List<List<GlobPart>> sections, int[] after, int fileIndex,
                                         int sectionIndex, boolean partial, int depth, boolean sawTail) {
        if (sectionIndex >= sections.size()) {
            boolean saw = sawTail;
            for (int i = fileIndex; i < file.size(); i++) {
                saw = true;
                if (isDots(file.get(i))) {
                    return false;
                }
            }
            return saw;
        }
        List<GlobPart> section = sections.get(sectionIndex);
        int index = fileIndex;
        while (index <= after[sectionIndex]) {
            List<String> prefix = file.subList(0, Math.min(index + section.size(), file.size()));
            if (matchSimple(prefix, section, partial, index, 0) && depth < MAX_GLOBSTAR_DEPTH) {
                Boolean sub = matchSections(file, sections, after, index + section.size(), sectionIndex + 1, partial,
                        depth + 1, sawTail);
                if (!Boolean.FALSE.equals(sub)) {
                    return sub;
                }
            }
            if (index < file.size() && isDots(file.get(index))) {
                return false;
            }
            index++;
        }
        return partial ? Boolean.TRUE : null;
    }

    private static int indexOfGlobstar(List<GlobPart> pattern) {
        for (int i = 0; i < pattern.size(); i++) {
            if (pattern.get(i) instanceof GlobPart.Globstar) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOfGlobstar(List<GlobPart> pattern) {
        for (int i = pattern.size() - 1; i >= 0; i--) {
            if (pattern.get(i) instanceof GlobPart.Globstar) {
                return i;
            }
        }
        return -1;
    }
}
