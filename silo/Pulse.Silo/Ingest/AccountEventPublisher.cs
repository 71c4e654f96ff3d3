using Orleans.Runtime;
using Orleans.Streams;
using Pulse.Health.Contracts;
using Pulse.Health.Model.Events;

namespace Pulse.Silo.Ingest;

/// <summary>Writes accepted events to the account stream: one batch per account per request, in request order.</summary>
public sealed class AccountEventPublisher(IClusterClient client) : IAccountEventSink
{
    private readonly IStreamProvider _provider = client.GetStreamProvider(StreamNames.Provider);

    /// <returns>The number of events that reached the stream; the rest failed and must not be reported as accepted.</returns>
    public async Task<(int Written, Exception? Failure)> PublishAsync(IReadOnlyList<ParsedMessage> accepted)
    {
        var byAccount = new Dictionary<string, List<HealthEvent>>(StringComparer.Ordinal);
        foreach (var m in accepted)
        {
            if (!byAccount.TryGetValue(m.AccountId!, out var list)) byAccount[m.AccountId!] = list = [];
            list.Add(m.Event!);
        }
        var writes = byAccount.Select(async kv =>
        {
            var stream = _provider.GetStream<HealthEvent>(StreamId.Create(StreamNames.AccountEvents, kv.Key));
            await stream.OnNextBatchAsync(kv.Value);
            return kv.Value.Count;
        }).ToArray();
        try
        {
            await Task.WhenAll(writes);
            return (accepted.Count, null);
        }
        catch (Exception ex)
        {
            var written = writes.Where(t => t.IsCompletedSuccessfully).Sum(t => t.Result);
            return (written, ex);
        }
    }
}
