using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pulse.Health.Contracts;
using Pulse.Health.Model.Events;

namespace Pulse.Grains.Tests;

/// <summary>The model's events travel through Orleans unchanged, every property of them, through the one surrogate mapping.</summary>
public sealed class WireFormTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    /// <summary>Every property set to something other than its default, so a dropped one shows.</summary>
    private static readonly HealthEvent Full = new()
    {
        MessageId = "m-1", Name = "Renewal Closed", Kind = EventKind.RenewalClosed, Timestamp = At, Historical = true, UserId = "u-1",
        Platform = "web", Feature = "reports", IsKeyFeature = true, Milestone = "first_value", SeatsPurchased = 50, SeatsActive = 41,
        TicketId = "t-1", Priority = 2, Severity = "major", Minutes = 42.5, SurveyId = "s-1", SurveyType = "nps", Score = 9,
        InvoiceId = "i-1", Amount = 1200.5, DueDate = At.AddDays(30), Arr = 48000, RenewalDate = At.AddDays(365), Change = "upgrade",
        Outcome = "renewed", Reason = "budget", Avoidable = false, Campaign = "winter", Role = "champion", AdvocacyKind = "review",
        Traits = new AccountTraits
        {
            Name = "Acme", Plan = "pro", Tier = TouchTier.LowTouch, Mrr = 4000, Arr = 48000, Seats = 50, RenewalDate = At.AddDays(365),
            Segment = "mid-market", Industry = "retail",
        },
    };

    [Fact]
    public void The_test_event_sets_every_property()
    {
        foreach (var (owner, value) in new object[] { Full, Full.Traits! }.Select(o => (o.GetType(), o)))
            foreach (var property in owner.GetProperties().Where(p => p.CanWrite))
            {
                var actual = property.GetValue(value);
                var unset = property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null
                    ? Equals(actual, Activator.CreateInstance(property.PropertyType))
                    : actual is null;
                Assert.False(unset, $"{owner.Name}.{property.Name} is not set in the test event");
            }
    }

    [Fact]
    public void An_event_round_trips_through_the_orleans_serializer_with_every_property()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer<HealthEvent>>();

        var back = serializer.Deserialize(serializer.SerializeToArray(Full));

        Assert.Equal(Full, back);
        Assert.Equal(Full.Traits, back!.Traits);
    }

    [Fact]
    public void Surrogate_mapping_copies_both_ways()
    {
        var surrogate = SurrogateMapping<HealthEvent, HealthEventSurrogate>.ToSurrogate(Full);
        Assert.Equal("reports", surrogate.Feature);
        Assert.Equal(Full, SurrogateMapping<HealthEvent, HealthEventSurrogate>.FromSurrogate(surrogate));
    }
}
