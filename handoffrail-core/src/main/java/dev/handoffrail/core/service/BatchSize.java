package dev.handoffrail.core.service;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.port.in.BatchPacketsUseCase;
import java.util.List;
import java.util.Map;

/** The common batch limit of http-api.md §9.12: 1 to {@value BatchPacketsUseCase#MAX_ITEMS} items. */
final class BatchSize {
    private BatchSize() {
    }

    /** {@code 400 VALIDATION_ERROR} for no items, {@code 400 BATCH_TOO_LARGE} for too many. */
    static void check(String field, int items) {
        if (items == 0) {
            throw ValidationException.of(field, "must contain at least 1 item");
        }
        if (items > BatchPacketsUseCase.MAX_ITEMS) {
            throw new HandoffRailException(ErrorCode.BATCH_TOO_LARGE, "Batch too large: " + items
                    + " items (max " + BatchPacketsUseCase.MAX_ITEMS + ")", field, List.of(),
                    Map.of("max_items", BatchPacketsUseCase.MAX_ITEMS));
        }
    }
}
