package io.socketflow.chat;

/**
 * What the Redis relay publishes, as JSON, on the room's channel. Every instance receives every envelope, its own
 * included, and drops those that carry its own instance id: its members already had the line from the local room.
 *
 * @param instance the id of the instance that published it, random per instance
 * @param type what it asks for
 * @param text the line every member sees (without the LF), or the nickname to disconnect
 */
record RelayEnvelope(String instance, Type type, String text) {

    enum Type {

        /** A chat line or notice for every member. */
        LINE,

        /** The operator disconnects the member with this nickname, wherever it is connected. */
        KICK

    }

}
