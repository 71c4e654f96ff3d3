using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Pulse.Health.Contracts;
using Pulse.Health.Grains.Accounts;

namespace Pulse.Silo.Tests;

/// <summary>
/// The embedded profile writes an account's state only when it leaves memory (<see cref="AccountPersistence.OnDeactivation"/>):
/// an account sent out of memory must come back exactly as it was.
/// </summary>
[Collection(SiloCollection.Name)]
public class AccountEvictionTests(SiloFixture silo)
{
    [Fact]
    public void The_embedded_silo_writes_state_only_on_deactivation()
    {
        Assert.Null(silo.App.Services.GetRequiredService<AccountPersistence>().WriteBehind);
    }

    [Fact]
    public async Task An_account_that_leaves_memory_comes_back_with_its_score_ledger_and_duplicates_still_skipped()
    {
        var account = Segment.NewAccount("evicted");
        var failed = Segment.Track(account, "Payment Failed", new { invoiceId = "inv-1", amount = 99 }, messageId: "evict-failed-1");
        await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(Segment.Track(account, "Session Started"), failed)));
        var before = await silo.WaitForAccountAsync(account, 2);

        var grain = silo.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(account);
        var active = silo.App.Services.GetRequiredService<ActiveAccounts>();
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (active.Snapshot().Contains(account) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.DoesNotContain(account, active.Snapshot());

        var after = await grain.GetView(); // a new activation, from what the old one wrote on its way out
        Assert.NotNull(after);
        Assert.Contains(account, active.Snapshot());
        Assert.Equal(before.EventsApplied, after!.EventsApplied);
        Assert.Equal(before.Score, after.Score);
        Assert.Equal(before.Band, after.Band);
        Assert.Equal(before.Explanation.Count, after.Explanation.Count);

        // The de-duplication memory came back too: the same message again changes nothing.
        await silo.Http.SendAsync(silo.Post("/v1/batch", Segment.Batch(failed, Segment.Track(account, "Session Started"))));
        var third = await silo.WaitForAccountAsync(account, 3);
        Assert.Equal(3, third.EventsApplied);
    }
}
