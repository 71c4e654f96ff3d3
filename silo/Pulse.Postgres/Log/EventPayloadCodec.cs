using Orleans.Serialization;
using Pulse.Health.Model.Events;

namespace Pulse.Postgres.Log;

/// <summary>
/// Encodes events for the log with Orleans' own version-tolerant serializer (through the event's surrogate, whose
/// field ids are the wire contract), so a row written by one silo version is readable by the next.
/// </summary>
public sealed class EventPayloadCodec(Serializer<HealthEvent> serializer)
{
    public byte[] Encode(HealthEvent e) => serializer.SerializeToArray(e);

    public HealthEvent Decode(byte[] payload) => serializer.Deserialize(payload) ?? throw new InvalidDataException("a log row decoded to no event");
}
