package org.shangliang.contracts.meeting;

/** Whom a participant of a consultation meeting speaks for. */
public enum Affiliation {
    RESIDENT_REP, PROPERTY_COMPANY, OWNERS_COMMITTEE, GRID_WORKER, CPPCC_MEMBER, COMMUNITY_STAFF,
    CO_BUILDING_UNIT, EXPERT, OTHER
}
