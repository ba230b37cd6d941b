package org.shangliang.contracts;

/**
 * Place paths ({@code community/estate/building/entrance/flat}) as the whole platform compares them: a
 * place lies within an area when it is the area itself or below it, part by part ({@code …/31} holds
 * {@code …/31/3/601} but not {@code …/310}).
 */
public final class PlacePaths {

    private PlacePaths() {
    }

    /** Whether {@code place} is {@code area} or lies below it; false when either is null. */
    public static boolean within(String place, String area) {
        return place != null && area != null && (place.equals(area) || place.startsWith(area + "/"));
    }
}
