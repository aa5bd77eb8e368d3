package dev.switchboard.testkit.twilio;

/** The REST routes {@link FakeTwilioRest} answers, each a place a fault can be injected. */
public enum TwilioRoute {
    /** {@code GET /2010-04-01/Accounts/{AccountSid}.json} */
    FETCH_ACCOUNT,
    /** {@code POST …/Calls.json} */
    CREATE_CALL,
    /** {@code GET …/Calls/{CallSid}.json} */
    FETCH_CALL,
    /** {@code POST …/Calls/{CallSid}.json} */
    UPDATE_CALL,
    /** {@code POST …/Messages.json} */
    CREATE_MESSAGE,
    /** {@code GET …/Messages/{MessageSid}.json} */
    FETCH_MESSAGE,
    /** {@code GET …/IncomingPhoneNumbers.json} */
    LIST_NUMBERS,
    /** {@code GET …/IncomingPhoneNumbers/{Sid}.json} */
    FETCH_NUMBER,
    /** {@code POST …/IncomingPhoneNumbers/{Sid}.json} */
    UPDATE_NUMBER
}
