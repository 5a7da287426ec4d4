package io.lisa4j.client.nio;

import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * A user or group as the server's host numbers it. Protocol version 1 maps no ids and carries no
 * names, so the name is the number ("1000"), and lookups accept numbers only.
 */
record NumericPrincipal(int id, boolean isGroup) implements UserPrincipal, GroupPrincipal {
    static final UserPrincipalLookupService LOOKUP = new UserPrincipalLookupService() {
        @Override
        public UserPrincipal lookupPrincipalByName(String name) throws UserPrincipalNotFoundException {
            return new NumericPrincipal(parse(name), false);
        }

        @Override
        public GroupPrincipal lookupPrincipalByGroupName(String group) throws UserPrincipalNotFoundException {
            return new NumericPrincipal(parse(group), true);
        }
    };

    static NumericPrincipal user(int uid) {
        return new NumericPrincipal(uid, false);
    }

    static NumericPrincipal group(int gid) {
        return new NumericPrincipal(gid, true);
    }

    private static int parse(String name) throws UserPrincipalNotFoundException {
        try {
            return Integer.parseUnsignedInt(name);
        } catch (NumberFormatException e) {
            throw new UserPrincipalNotFoundException(name);
        }
    }

    /** The id of a principal from this lookup service, or of any other whose name is a number. */
    static int idOf(UserPrincipal principal) throws UserPrincipalNotFoundException {
        return principal instanceof NumericPrincipal n ? n.id : parse(principal.getName());
    }

    @Override
    public String getName() {
        return Integer.toUnsignedString(id);
    }

    @Override
    public String toString() {
        return getName();
    }
}
