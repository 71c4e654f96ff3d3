using System.Linq.Expressions;
using System.Reflection;

namespace Pulse.Health.Contracts;

/// <summary>
/// Copies one of the model's records into its Orleans surrogate and back, member by member, matched by name. The
/// surrogate's <c>[Id]</c> fields are the one list of what travels (the wire contract); this mapping is derived from
/// them once and compiled, so it costs what hand-written copies cost. Every settable public property of the model
/// must have a surrogate field of the same name and type, and every surrogate field a property: a property added to
/// the model without a wire id stops the first conversion (and the round-trip test) instead of being dropped silently.
/// </summary>
public static class SurrogateMapping<TModel, TSurrogate>
    where TModel : class
    where TSurrogate : struct
{
    public static readonly Func<TModel, TSurrogate> ToSurrogate;
    public static readonly Func<TSurrogate, TModel> FromSurrogate;

    static SurrogateMapping()
    {
        var pairs = Pairs();
        var model = Expression.Parameter(typeof(TModel), "model");
        var surrogate = Expression.Variable(typeof(TSurrogate), "surrogate");
        ToSurrogate = Expression.Lambda<Func<TModel, TSurrogate>>(
            Expression.Block([surrogate],
            [
                Expression.Assign(surrogate, Expression.Default(typeof(TSurrogate))),
                .. pairs.Select(p => Expression.Assign(Expression.Field(surrogate, p.Field), Expression.Property(model, p.Property))),
                surrogate,
            ]),
            model).Compile();

        var source = Expression.Parameter(typeof(TSurrogate), "surrogate");
        FromSurrogate = Expression.Lambda<Func<TSurrogate, TModel>>(
            Expression.MemberInit(Expression.New(typeof(TModel)), pairs.Select(p => Expression.Bind(p.Property, Expression.Field(source, p.Field)))),
            source).Compile();
    }

    private static List<(PropertyInfo Property, FieldInfo Field)> Pairs()
    {
        var properties = typeof(TModel).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToDictionary(p => p.Name);
        var fields = typeof(TSurrogate).GetFields(BindingFlags.Public | BindingFlags.Instance).ToDictionary(f => f.Name);
        var problems = properties.Keys.Except(fields.Keys).Select(n => $"{typeof(TModel).Name}.{n} has no field in {typeof(TSurrogate).Name}")
            .Concat(fields.Keys.Except(properties.Keys).Select(n => $"{typeof(TSurrogate).Name}.{n} matches no property of {typeof(TModel).Name}"))
            .Concat(properties.Values.Where(p => fields.TryGetValue(p.Name, out var f) && f.FieldType != p.PropertyType)
                .Select(p => $"{typeof(TSurrogate).Name}.{p.Name} is a {fields[p.Name].FieldType.Name}, the property a {p.PropertyType.Name}"))
            .ToList();
        if (problems.Count > 0) throw new InvalidOperationException("The wire form does not match the model: " + string.Join("; ", problems));
        return properties.Values.Select(p => (p, fields[p.Name])).ToList();
    }
}
