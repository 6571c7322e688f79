package dev.hallmark.registry.auth;

/** IPv4 CIDR membership for token allow-lists (npm's {@code --cidr} accepts IPv4 only). */
final class Cidr {
    private Cidr() {
    }

    /** Whether {@code address} (dotted IPv4) is inside {@code cidr}; anything unparsable is outside (fail closed). */
    static boolean contains(String cidr, String address) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return false;
        }
        long network = ipv4(cidr.substring(0, slash));
        long host = ipv4(address);
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (network < 0 || host < 0 || bits < 0 || bits > 32) {
            return false;
        }
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (network & mask) == (host & mask);
    }

    private static long ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
        }
        return value;
    }
}
