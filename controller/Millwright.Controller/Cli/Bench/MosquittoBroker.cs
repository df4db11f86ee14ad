using System.Net.Sockets;
using System.Security.Cryptography;
using Millwright.Controller.Mqtt;

namespace Millwright.Controller.Cli.Bench;

/// <summary>
/// Debian's Mosquitto, started by the bench on a loopback port with the password and ACL files the controller's own
/// generators write (<see cref="MosquittoPasswordFile"/>, <see cref="MosquittoAcl"/>), as docs/mosquitto.md sets it
/// up — plus queue limits high enough that the broker never drops a QoS 1 frame under the bench's load.
/// </summary>
internal static class MosquittoBroker
{
    internal const string ControllerUser = "bench-controller";

    private static readonly string[] Locations = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto"];

    /// <summary>The mosquitto program, or null when the package is not installed.</summary>
    internal static string? Find() => Locations.FirstOrDefault(File.Exists);

    /// <summary>Starts Mosquitto in <paramref name="directory"/>; returns it and the controller user's password.</summary>
    internal static async Task<(ChildProcess Broker, string ControllerPassword)> StartAsync(
        string program, string directory, int port, string plantId, IReadOnlyList<FleetMember> members, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        string controllerPassword = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string passwords = Path.Combine(directory, "passwd");
        string acl = Path.Combine(directory, "acl");
        string config = Path.Combine(directory, "mosquitto.conf");
        IEnumerable<(string, string)> users = members
            .Select(m => (m.DeviceId, new Millwright.Protocol.Keys.DeviceKeys(m.Secret).MqttPassword))
            .Prepend((ControllerUser, controllerPassword));
        await File.WriteAllTextAsync(passwords, MosquittoPasswordFile.Write(users), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(acl, MosquittoAcl.Write(plantId, [ControllerUser]), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous false
            password_file {passwords}
            acl_file {acl}
            use_username_as_clientid true
            persistence false
            set_tcp_nodelay true
            max_inflight_messages 1000
            max_queued_messages 1000000
            connection_messages false
            log_dest stderr
            log_type error
            log_type warning

            """, cancellationToken).ConfigureAwait(false);
        ChildProcess broker = ChildProcess.Start(program, ["-c", config]);
        for (int attempt = 0; attempt < 200 && !broker.HasExited; attempt++)
        {
            if (CanConnect(port))
            {
                return (broker, controllerPassword);
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        string output = broker.Output;
        broker.Dispose();
        throw new InvalidOperationException($"mosquitto did not start listening on {port}: {output}");
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
