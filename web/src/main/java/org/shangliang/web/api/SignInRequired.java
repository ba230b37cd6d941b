package org.shangliang.web.api;

/** The API answered 401: the user's token expired or was never there; the page sends them to sign in. */
public class SignInRequired extends RuntimeException {

    public SignInRequired() {
        super("The API asks for sign-in");
    }
}
