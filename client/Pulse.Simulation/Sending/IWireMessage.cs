namespace Pulse.Simulation.Sending;

/// <summary>A message ready to go into a <c>/v1/batch</c> body: its exact UTF-8 JSON, generated or read from a recording.</summary>
public interface IWireMessage
{
    ReadOnlyMemory<byte> Json { get; }
}
