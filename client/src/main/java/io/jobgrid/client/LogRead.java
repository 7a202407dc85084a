package io.jobgrid.client;

/**
 * What {@code GET /api/v1/jobs/{id}/logs} returned: the output text, the attempt it belongs to
 * ({@code X-Jobgrid-Attempt}) and how many earlier bytes the bounded tail dropped
 * ({@code X-Jobgrid-Dropped-Bytes}; 0 when the header is absent).
 */
public record LogRead(String text, int attempt, long droppedBytes) {
    public LogRead {
        text = text == null ? "" : text;
        if (attempt < 0 || droppedBytes < 0) {
            throw new IllegalArgumentException("attempt and dropped bytes are >= 0, but were " + attempt + ", "
                    + droppedBytes);
        }
    }
}
