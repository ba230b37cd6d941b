package org.shangliang.votes.roll;

/** One checked line of a roll: a flat, the user who votes for it, its area and its registered holder. */
record RollRow(int line, String flat, String ownerId, String ownerName, long areaCents, String holder) {

    String estate() {
        return flat.split("/")[1];
    }

    String building() {
        return flat.split("/")[2];
    }
}
