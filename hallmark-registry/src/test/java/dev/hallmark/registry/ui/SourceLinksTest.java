package dev.hallmark.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceLinksTest {
    private static final String SHA = "d1c6d1113932ddcee243e8b111b6d4aea553df20";

    @Test
    void gitHubCommitAndWorkflowFile() {
        String repo = "https://github.com/microsoft/playwright-cli";
        assertThat(SourceLinks.commitUrl(repo, SHA)).contains(repo + "/commit/" + SHA);
        assertThat(SourceLinks.buildFilePath(repo, repo + "/.github/workflows/publish.yml@refs/tags/v0.1.1"))
                .contains(".github/workflows/publish.yml");
        assertThat(SourceLinks.buildFileUrl(repo, SHA, ".github/workflows/publish.yml"))
                .contains(repo + "/blob/" + SHA + "/.github/workflows/publish.yml");
        assertThat(SourceLinks.shortSha(SHA)).isEqualTo("d1c6d11");
    }

    @Test
    void gitLabPutsTwoSlashesBeforeThePathAndADashBeforeCommit() {
        String repo = "https://gitlab.com/group/project";
        assertThat(SourceLinks.buildFilePath(repo, repo + "//.gitlab-ci.yml@refs/heads/main")).contains(".gitlab-ci.yml");
        assertThat(SourceLinks.commitUrl(repo, SHA)).contains(repo + "/-/commit/" + SHA);
        assertThat(SourceLinks.buildFileUrl(repo, SHA, ".gitlab-ci.yml")).contains(repo + "/-/blob/" + SHA
                + "/.gitlab-ci.yml");
    }

    @Test
    void otherHostsAndOddValuesGetNoLinks() {
        assertThat(SourceLinks.commitUrl("https://git.example.com/o/r", SHA)).isEmpty();
        assertThat(SourceLinks.commitUrl("http://github.com/o/r", SHA)).isEmpty();
        assertThat(SourceLinks.commitUrl("https://github.com/o/r", "main\"><x")).isEmpty();
        assertThat(SourceLinks.buildFileUrl("https://github.com/o/r", SHA, "../../x")).isEmpty();
        assertThat(SourceLinks.buildFilePath("https://github.com/o/r", "https://github.com/other/r/x.yml@main"))
                .isEmpty();
        assertThat(SourceLinks.shortSha("not-a-sha")).isEqualTo("not-a-sha");
    }
}
