using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pulse.Health.Contracts;
using Pulse.Health.Grains.Accounts;
using Pulse.Health.Model.Policy;

namespace Pulse.Health.Grains.Policy;

/// <summary>
/// The policy in force on this silo. It polls the policy grain every <see cref="PolicyOptions.RefreshInterval"/> (one cheap call per
/// silo, so any number of silos converge within seconds and a restarted policy grain needs no re-subscription), and
/// when the version changes it re-evaluates every account active on this silo, so a published policy reaches live
/// accounts without a restart and without waiting for their next event.
/// </summary>
public sealed class LivePolicySource(IGrainFactory grains, ActiveAccounts active, IOptions<PolicyOptions> options, ILogger<LivePolicySource> logger)
    : BackgroundService, IHealthPolicySource
{
    /// <summary>Accounts re-evaluated at once after a change: enough to finish fast, few enough not to starve ingest.</summary>
    public const int ReevaluationParallelism = 32;

    private volatile HealthPolicy _current = DefaultPolicy.Create();
    private string? _unusable;

    public HealthPolicy Current => _current;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (PolicyValidationException ex)
            {
                // A published version this silo cannot use (an older build during a rolling upgrade): say so loudly;
                // the silo keeps scoring with the version it has.
                logger.LogError(ex, "The published scoring policy cannot be used by this silo; keeping {Version}", _current.Version);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The cluster may still be starting, or the policy grain moving; the next tick tries again.
                logger.LogDebug(ex, "Policy refresh failed; retrying");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Fetches the current version and, when it changed, switches to it and re-evaluates active accounts.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var latest = await grains.GetGrain<IPolicyGrain>(0).GetCurrent();
        if (latest.Version == _current.Version || latest.Version == _unusable) return false;
        try
        {
            _current = PolicyDocument.Parse(latest.Json);
        }
        catch (PolicyValidationException)
        {
            _unusable = latest.Version; // reported once, not every refresh
            throw;
        }
        var ids = active.Snapshot();
        logger.LogInformation("Scoring policy {Version} in force; re-evaluating {Count} active accounts", latest.Version, ids.Length);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = ReevaluationParallelism, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                try { await grains.GetGrain<IAccountGrain>(id).Reevaluate(); }
                catch (Exception ex) { logger.LogDebug(ex, "Re-evaluating {Account} after a policy change failed", id); }
            });
        return true;
    }
}
