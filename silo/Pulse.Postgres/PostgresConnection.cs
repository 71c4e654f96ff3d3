using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Pulse.Postgres;

/// <summary>Finds and checks the connection string of the postgres profile. It comes from configuration, never from the repository.</summary>
public static class PostgresConnection
{
    public const string ConnectionStringKey = "ConnectionStrings:Pulse";
    public const string AlternativeKey = "Pulse:Postgres:ConnectionString";

    /// <summary>The connection string, validated; throws naming the setting when it is missing or malformed.</summary>
    public static string From(IConfiguration configuration)
    {
        var (value, key) = configuration[ConnectionStringKey] is { Length: > 0 } a ? (a, ConnectionStringKey)
            : configuration[AlternativeKey] is { Length: > 0 } b ? (b, AlternativeKey)
            : (null, null);
        if (value is null)
            throw new InvalidOperationException(
                $"Pulse:Profile=postgres needs a PostgreSQL connection string: set {ConnectionStringKey} " +
                $"(environment ConnectionStrings__Pulse) or {AlternativeKey} (PULSE__POSTGRES__CONNECTIONSTRING), " +
                "e.g. Host=127.0.0.1;Port=5432;Username=pulse;Database=pulse");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(builder.Host))
                throw new ArgumentException("it names no Host");
            return builder.ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"The connection string in {key} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
    }

    /// <summary>Describes where the connection string points (for error messages; never the password).</summary>
    public static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }
}
