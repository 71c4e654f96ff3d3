using Pulse.Ingest.Segment;

namespace Pulse.Backtest.Tests;

public class RoutingTests
{
    private static List<string> Route(StreamFixture stream)
    {
        var links = new UserAccountLinks();
        return RecordedStreamReader.Read(stream.Reader(), "stream", new SegmentLimits()).Select(m => links.Route(m.Parsed)).ToList();
    }

    [Fact]
    public void A_user_linked_by_a_group_call_routes_to_that_account()
    {
        var at = StreamFixture.Start;
        var stream = new StreamFixture()
            .Track(null, "u-1", "Session Started", at)            // before the link: B2C, the user is the account
            .Group("acme", "u-1", at.AddMinutes(1))
            .Track(null, "u-1", "Session Started", at.AddMinutes(2))
            .Track(null, "u-2", "Session Started", at.AddMinutes(3));
        Assert.Equal(["u-1", "acme", "acme", "u-2"], Route(stream));
    }

    [Fact]
    public void A_later_group_call_moves_the_user()
    {
        var at = StreamFixture.Start;
        var stream = new StreamFixture()
            .Group("acme", "u-1", at)
            .Group("globex", "u-1", at.AddMinutes(1))
            .Track(null, "u-1", "Session Started", at.AddMinutes(2));
        Assert.Equal("globex", Route(stream)[^1]);
    }

    [Fact]
    public void Named_accounts_win_in_ingest_order_over_the_link()
    {
        var at = "2026-09-01T09:00:00Z";
        var stream = new StreamFixture()
            .Group("linked", "u-1", StreamFixture.Start)
            .Raw($$$"""{"type":"track","messageId":"a","timestamp":"{{{at}}}","userId":"u-1","event":"X","context":{"groupId":"ctx"},"groupId":"top","properties":{"accountId":"prop"}}""")
            .Raw($$$"""{"type":"track","messageId":"b","timestamp":"{{{at}}}","userId":"u-1","event":"X","groupId":"top","properties":{"accountId":"prop"}}""")
            .Raw($$$"""{"type":"track","messageId":"c","timestamp":"{{{at}}}","userId":"u-1","event":"X","properties":{"accountId":"prop"}}""")
            .Raw($$$"""{"type":"track","messageId":"d","timestamp":"{{{at}}}","userId":"u-1","event":"X"}""");
        Assert.Equal(["linked", "ctx", "top", "prop", "linked"], Route(stream));
    }
}
