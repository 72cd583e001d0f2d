package dev.modelfactory.app.doctor;

/**
 * One compute backend as {@code doctor} reports it.
 *
 * @param name      the backend's name ({@code -Dmodelfactory.backend=NAME} selects it)
 * @param rank      higher wins when several are available
 * @param available whether it can run here
 * @param detail    what it runs on when available, else why it cannot run
 * @param selected  whether work would run on it now
 */
public record BackendStatus(String name, int rank, boolean available, String detail, boolean selected) {
}
