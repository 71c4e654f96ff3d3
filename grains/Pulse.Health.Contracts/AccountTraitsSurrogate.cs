using Pulse.Health.Model.Events;

namespace Pulse.Health.Contracts;

/// <summary>Wire form of the model's <see cref="AccountTraits"/>.</summary>
[GenerateSerializer, Alias("pulse.AccountTraits")]
public struct AccountTraitsSurrogate
{
    [Id(0)] public string? Name;
    [Id(1)] public string? Plan;
    [Id(2)] public TouchTier? Tier;
    [Id(3)] public double? Mrr;
    [Id(4)] public double? Arr;
    [Id(5)] public int? Seats;
    [Id(6)] public DateTimeOffset? RenewalDate;
    [Id(7)] public string? Segment;
    [Id(8)] public string? Industry;
}

[RegisterConverter]
public sealed class AccountTraitsSurrogateConverter : IConverter<AccountTraits, AccountTraitsSurrogate>
{
    public AccountTraits ConvertFromSurrogate(in AccountTraitsSurrogate s) => new()
    {
        Name = s.Name, Plan = s.Plan, Tier = s.Tier, Mrr = s.Mrr, Arr = s.Arr, Seats = s.Seats,
        RenewalDate = s.RenewalDate, Segment = s.Segment, Industry = s.Industry,
    };

    public AccountTraitsSurrogate ConvertToSurrogate(in AccountTraits t) => new()
    {
        Name = t.Name, Plan = t.Plan, Tier = t.Tier, Mrr = t.Mrr, Arr = t.Arr, Seats = t.Seats,
        RenewalDate = t.RenewalDate, Segment = t.Segment, Industry = t.Industry,
    };
}
