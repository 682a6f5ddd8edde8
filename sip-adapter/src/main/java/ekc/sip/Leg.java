package ekc.sip;

/** A SIP dialog of a call, found by its Call-ID; all of a call's legs share the call's lane. */
interface Leg {

    int lane();

    CallerLeg call();
}
