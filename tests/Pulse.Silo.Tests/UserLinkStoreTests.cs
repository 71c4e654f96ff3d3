using Microsoft.Extensions.DependencyInjection;
using Pulse.Ingest.Segment;
using Pulse.Postgres.Ingest;

namespace Pulse.Silo.Tests;

/// <summary>Both link stores keep the last account per user; the durable one survives losing its per-silo cache.</summary>
[Collection(SiloCollection.Name)]
public class UserLinkStoreTests(SiloFixture silo)
{
    [Fact]
    public async Task The_in_memory_store_keeps_the_last_link_per_user()
    {
        var store = new InMemoryUserLinkStore();
        Assert.Null(await store.FindAsync("u-1", CancellationToken.None));
        await store.SaveAsync([new("u-1", "acct-a"), new("u-2", "acct-b")], CancellationToken.None);
        await store.SaveAsync([new("u-1", "acct-c")], CancellationToken.None);
        Assert.Equal("acct-c", await store.FindAsync("u-1", CancellationToken.None));
        Assert.Equal("acct-b", await store.FindAsync("u-2", CancellationToken.None));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task The_grain_store_persists_links_that_a_fresh_silo_cache_finds_again()
    {
        var grains = silo.App.Services.GetRequiredService<IGrainFactory>();
        var user = "link-user-" + Guid.NewGuid().ToString("N")[..8];
        var writer = new GrainUserLinkStore(grains);
        Assert.Null(await writer.FindAsync(user, CancellationToken.None));
        await writer.SaveAsync([new(user, "acct-first")], CancellationToken.None);
        await writer.SaveAsync([new(user, "acct-second")], CancellationToken.None);

        var freshCache = new GrainUserLinkStore(grains); // another silo, or this one after its cache was cleared
        Assert.Equal("acct-second", await freshCache.FindAsync(user, CancellationToken.None));
    }
}
