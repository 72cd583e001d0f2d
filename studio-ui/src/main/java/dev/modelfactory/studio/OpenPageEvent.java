package dev.modelfactory.studio;

import java.util.Objects;
import javafx.event.Event;
import javafx.event.EventType;

/**
 * How one page opens another with something to work on, without knowing it: a node of the first page fires
 * this event ({@code node.fireEvent(new OpenPageEvent(id, request))}); it bubbles up to the shell, which
 * shows the page with that id and hands it the request ({@link Page#open}). Fire it from a node inside the
 * page (a button), not from a popup's menu item: popups are outside the shell's scene.
 */
public final class OpenPageEvent extends Event {

    public static final EventType<OpenPageEvent> OPEN_PAGE = new EventType<>(Event.ANY, "OPEN_PAGE");

    private final String pageId;
    private final transient Object request;

    /** @param request what the target page should open; pages ignore requests of types they do not know */
    public OpenPageEvent(String pageId, Object request) {
        super(OPEN_PAGE);
        this.pageId = Objects.requireNonNull(pageId, "pageId");
        this.request = Objects.requireNonNull(request, "request");
    }

    public String pageId() {
        return pageId;
    }

    public Object request() {
        return request;
    }
}
