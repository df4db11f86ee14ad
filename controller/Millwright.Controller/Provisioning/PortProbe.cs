namespace Millwright.Controller.Provisioning;

/// <summary>
/// Asks the port which node is on it: a short console session (`help`, `info`) on a line opened for the purpose and
/// closed again. Null when the port cannot be opened or nothing answers, so a commissioning run can tell a node being
/// swapped (the port falls silent, then answers again) from the one it has just provisioned.
/// </summary>
public sealed class PortProbe(Func<ISerialLine> openLine)
{
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The device id of the node answering on the port ("" for an unprovisioned node), or null when none answers.</summary>
    public async Task<string?> AskAsync()
    {
        try
        {
            using ISerialLine line = openLine();
            var console = new ConsoleClient(line, ReplyTimeout);
            await console.HelloAsync().ConfigureAwait(false);
            ConsoleReply info = await console.SendAsync("info").ConfigureAwait(false);
            return info.Ok ? info.Pairs().GetValueOrDefault("device-id", string.Empty) : null;
        }
        catch (ProvisioningException)
        {
            return null;
        }
    }
}
