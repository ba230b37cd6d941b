package org.shangliang.platform.security;

/** The roles of the {@code roles} claim. */
public enum Role {
    /** A resident (居民): proposes, supports, votes when an owner. */
    RESIDENT,
    /** The community committee (居委会): reviews topics, runs meetings. */
    COMMITTEE,
    /** Community or street staff: rolls, implementation, dashboards. */
    STAFF
}
