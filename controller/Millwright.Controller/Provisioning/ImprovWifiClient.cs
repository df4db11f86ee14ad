using System.Text;

namespace Millwright.Controller.Provisioning;

/// <summary>
/// The Wi-Fi step over Improv Wi-Fi serial (https://www.improv-wifi.com/serial/, version 1), as ESP Web Tools sends it:
/// RPC "send Wi-Fi settings", then the node's state until it is provisioned (it connected with the credentials) or
/// reports an error. The node keeps the credentials only once connected with them, so a wrong password changes nothing;
/// inside a console session with staged edits it stages them for the commit instead of storing them.
/// </summary>
public sealed class ImprovWifiClient(ConsoleClient console)
{
    private const byte TypeCurrentState = 0x01;
    private const byte TypeErrorState = 0x02;
    private const byte TypeRpc = 0x03;
    private const byte StateProvisioned = 0x04;
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("IMPROV");

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(40);

    public async Task<string> ProvisionAsync(string ssid, string password)
    {
        byte[] ssidBytes = Encoding.UTF8.GetBytes(ssid);
        byte[] passwordBytes = Encoding.UTF8.GetBytes(password);
        var data = new List<byte> { 0x01, (byte)(2 + ssidBytes.Length + passwordBytes.Length), (byte)ssidBytes.Length };
        data.AddRange(ssidBytes);
        data.Add((byte)passwordBytes.Length);
        data.AddRange(passwordBytes);
        byte[] packet = Packet(TypeRpc, [.. data]);
        console.WriteRaw(packet);

        // The password's bytes go nowhere else; wipe the copies made on the way.
        Array.Clear(packet);
        Array.Clear(passwordBytes);
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(data).Clear();

        var received = new List<byte>();
        DateTime until = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < until)
        {
            received.AddRange(console.ReadRaw(TimeSpan.FromMilliseconds(200)));
            while (TryTake(received, out byte type, out byte[] body))
            {
                if (type == TypeErrorState && body.Length > 0 && body[0] != 0)
                {
                    throw new ProvisioningException(ProvisioningStep.WiFi, "Improv: the node reports " + ErrorName(body[0]),
                        body[0] == 0x03 ? "check the SSID and password; the node keeps its previous Wi-Fi" : "the node refused the packet: check the SSID and password lengths");
                }

                if (type == TypeCurrentState && body.Length > 0 && body[0] == StateProvisioned)
                {
                    return "connected (Improv state provisioned)";
                }
            }

            await Task.Yield();
        }

        throw new ProvisioningException(ProvisioningStep.WiFi, $"Improv: no answer within {Timeout.TotalSeconds:0} s", "the node's firmware may predate Improv; run without --wifi-improv");
    }

    /// <summary>"IMPROV", version 1, type, length, data, checksum (sum of all preceding bytes mod 256), then LF.</summary>
    public static byte[] Packet(byte type, byte[] data)
    {
        var bytes = new List<byte>(Header) { 0x01, type, (byte)data.Length };
        bytes.AddRange(data);
        int sum = 0;
        foreach (byte b in bytes)
        {
            sum += b;
        }

        bytes.Add((byte)sum);
        bytes.Add((byte)'\n');
        return [.. bytes];
    }

    private static bool TryTake(List<byte> buffer, out byte type, out byte[] body)
    {
        type = 0;
        body = [];
        int start = IndexOf(buffer);
        if (start < 0 || buffer.Count < start + 9)
        {
            return false;
        }

        int length = buffer[start + 8];
        if (buffer.Count < start + 9 + length + 1)
        {
            return false;
        }

        type = buffer[start + 7];
        body = [.. buffer.GetRange(start + 9, length)];
        buffer.RemoveRange(0, start + 9 + length + 1);
        return true;
    }

    private static int IndexOf(List<byte> buffer)
    {
        for (int i = 0; i + Header.Length <= buffer.Count; i++)
        {
            bool match = true;
            for (int j = 0; j < Header.Length && match; j++)
            {
                match = buffer[i + j] == Header[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }

    private static string ErrorName(byte code) => code switch
    {
        0x01 => "invalid RPC packet",
        0x02 => "unknown RPC",
        0x03 => "unable to connect to the Wi-Fi",
        _ => $"error 0x{code:x2}",
    };
}
