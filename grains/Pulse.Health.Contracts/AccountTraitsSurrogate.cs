using Pulse.Health.Model.Events;

namespace Pulse.Health.Contracts;

/// <summary>Wire form of the model's <see cref="AccountTraits"/>, copied by <see cref="SurrogateMapping{TModel, TSurrogate}"/>.</summary>
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
    public AccountTraits ConvertFromSurrogate(in AccountTraitsSurrogate surrogate) => SurrogateMapping<AccountTraits, AccountTraitsSurrogate>.FromSurrogate(surrogate);

    public AccountTraitsSurrogate ConvertToSurrogate(in AccountTraits value) => SurrogateMapping<AccountTraits, AccountTraitsSurrogate>.ToSurrogate(value);
}
