package dev.modelfactory.ledger.store.run;

/** What a run's loss series groups rows by: the row's contributor, or one of its curation tags. */
public enum SeriesKind {
    CONTRIBUTOR, TAG
}
