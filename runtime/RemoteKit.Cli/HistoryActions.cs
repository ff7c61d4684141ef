using System.Globalization;
using RemoteKit.Controller.History;

namespace RemoteKit.Cli;

/// <summary><c>remotekit history</c>: the profile's task records, from the running controller or, when none runs, its history file.</summary>
internal static class HistoryActions
{
    public static async Task<int> ShowAsync(string? profileName, bool failedOnly, int? last, SshArguments ssh, CancellationToken cancellationToken)
    {
        var profile = ClusterActions.ResolveExisting(profileName);
        var query = new TaskHistoryQuery
        {
            Statuses = failedOnly ? TaskHistoryQuery.Unsuccessful : null,
            MaxRecords = last,
        };
        IReadOnlyList<TaskHistoryRecord> records;
        if (File.Exists(profile.ClientConnectionFile))
        {
            await using var client = await ClusterActions.ConnectAsync(profile, ssh, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
            records = await client.HistoryAsync(query, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var file = TaskHistory.SqliteFileIn(profile);
            if (!File.Exists(file))
            {
                throw new CliException($"Profile '{profile.Name}' has no task history yet ({file}).");
            }

            await using var history = TaskHistory.OpenSqlite(file);
            records = await history.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        }

        var rows = records.Select(r => new[]
        {
            r.TaskId.ToString(CultureInfo.InvariantCulture),
            r.Status.ToString(),
            r.Method ?? "",
            r.EngineId?.ToString(CultureInfo.InvariantCulture) ?? "",
            r.ClientId?.ToString(CultureInfo.InvariantCulture) ?? "",
            r.SubmittedAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
            r.Duration is { } d ? d.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture) : "",
            r.Attempts.ToString(CultureInfo.InvariantCulture),
            r.ErrorType is null ? "" : $"{r.ErrorType}: {r.ErrorMessage}",
        }).ToList();
        TextTable.Write(Console.Out, ["TASK", "STATUS", "METHOD", "ENGINE", "CLIENT", "SUBMITTED", "SECONDS", "ATTEMPTS", "ERROR"], rows);
        return ExitCodes.Success;
    }
}
