package dev.handoffrail.core.json;

/** Input is not valid JSON, or nests deeper than allowed ({@link #tooDeep()}). */
public final class JsonSyntaxException extends RuntimeException {
    private final int position;
    private final boolean tooDeep;

    public JsonSyntaxException(String message, int position) {
        this(message, position, false);
    }

    public JsonSyntaxException(String message, int position, boolean tooDeep) {
        super(message + " at position " + position, null, false, false);
        this.position = position;
        this.tooDeep = tooDeep;
    }

    public int position() {
        return position;
    }

    public boolean tooDeep() {
        return tooDeep;
    }
}
