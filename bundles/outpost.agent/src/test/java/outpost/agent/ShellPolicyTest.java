package outpost.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ShellPolicyTest {

    @Test
    void offUnlessSomethingIsAllowed() {
        assertFalse(ShellPolicy.DISABLED.enabled());
        assertFalse(ShellPolicy.DISABLED.permits("uname -a"));
    }

    @Test
    void patternsMatchWholeLinesAndDenyWins() {
        ShellPolicy policy = new ShellPolicy(List.of("uname -a", "df -h *"), List.of("df -h /secret*"));
        assertTrue(policy.permits("uname -a"));
        assertFalse(policy.permits("uname -a -x"), "whole line");
        assertTrue(policy.permits("df -h /var"));
        assertFalse(policy.permits("df -h /secret/vault"), "deny wins");
        assertFalse(policy.permits("ls"));
    }

    @Test
    void aWildcardCannotSmuggleASecondCommand() {
        ShellPolicy policy = new ShellPolicy(List.of("echo *"), List.of());
        assertTrue(policy.permits("echo hello world"));
        for (String injection : new String[] { "echo x; rm -rf /", "echo x && reboot", "echo x | sh", "echo $(id)",
                "echo `id`", "echo x > /etc/passwd", "echo x\nreboot", "echo x & sleep 9" }) {
            assertFalse(policy.permits(injection), injection);
        }
    }

    @Test
    void starAloneAllowsEverythingAndMustBeWrittenToDoSo() {
        assertTrue(new ShellPolicy(List.of("*"), List.of()).permits("echo x; uname -a | tr a-z A-Z"));
        assertFalse(new ShellPolicy(List.of("**"), List.of()).permits("echo x; uname"), "only * alone means everything");
    }
}
