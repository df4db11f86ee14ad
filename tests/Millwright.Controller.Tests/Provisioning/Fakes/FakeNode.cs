using System.Security.Cryptography;
using Millwright.Protocol.Keys;

namespace Millwright.Controller.Tests.Provisioning.Fakes;

/// <summary>
/// The service console's answers (docs/firmware.md, "Service console"), enough of them for the provisioning tool:
/// settings staged by `set` and switched by `commit`, a secret staged within a session, `prove` with the console-proof key.
/// Not the firmware: the end-to-end tests run the real one on a virtual board.
/// </summary>
internal sealed class FakeNode
{
    private readonly Dictionary<string, string> _active = new(StringComparer.Ordinal);
    private Dictionary<string, string>? _staged;
    private byte[]? _stagedSecret;

    public byte[]? Secret { get; private set; }

    public IReadOnlyDictionary<string, string> Settings => _active;

    public string KeyId => Secret is null ? "none" : Convert.ToHexStringLower(KeyDerivation.DeriveKeyId(Secret));

    public static FakeNode Configured(string deviceId, byte[] secret)
    {
        var node = new FakeNode { Secret = secret };
        node._active["device-id"] = deviceId;
        node._active["plant-id"] = "plant-a";
        node._active["broker-host"] = "old-broker";
        return node;
    }

    public ScriptedLine Line() => new(Answer);

    public string Answer(string line)
    {
        string[] words = line.Split(' ', 3);
        string reply = words[0] switch
        {
            "help" => "ok commands: help info status get set commit abort secret prove",
            "abort" => Abort(),
            "info" => $"ok device-id={Or(Get("device-id"))} plant-id={Or(Get("plant-id"))} firmware=0.1.0 board=fake key-id={KeyId} staged={(_staged is null ? "no" : "yes")}",
            "status" => "ok network=up time=sntp",
            "get" => $"ok {words[1]} {(words[1] == "wifi-password" ? "(not set)" : Get(words[1]))}",
            "set" => Set(words[1], words.Length > 2 ? words[2] : string.Empty),
            "secret" => StageSecret(Convert.FromHexString(words[1])),
            "prove" => $"ok proof {Convert.ToHexStringLower(HMACSHA256.HashData(KeyDerivation.Derive(_stagedSecret ?? Secret!, KeyPurpose.ConsoleProof), Convert.FromHexString(words[1])))}",
            "commit" => Commit(),
            _ => $"error unknown command '{words[0]}': try help",
        };
        return reply + "\r\n";
    }

    private string Get(string key) => (_staged ?? _active).GetValueOrDefault(key, string.Empty);

    private static string Or(string value) => value.Length == 0 ? "none" : value;

    private string Set(string key, string value)
    {
        _staged ??= new Dictionary<string, string>(_active, StringComparer.Ordinal);
        _staged[key] = value;
        return $"ok {key} staged: commit to store, abort to discard";
    }

    private string StageSecret(byte[] secret)
    {
        _stagedSecret = secret;
        return $"ok secret staged key-id={Convert.ToHexStringLower(KeyDerivation.DeriveKeyId(secret))}: commit to install, abort to discard";
    }

    private string Abort()
    {
        bool any = _staged is not null;
        (_staged, _stagedSecret) = (null, null);
        return any ? "ok staged changes discarded" : "ok nothing was staged";
    }

    private string Commit()
    {
        if (_staged is null)
        {
            return "error nothing to commit";
        }

        foreach ((string key, string value) in _staged)
        {
            _active[key] = value;
        }

        string secret = _stagedSecret is null ? string.Empty : "; secret installed key-id=" + Convert.ToHexStringLower(KeyDerivation.DeriveKeyId(_stagedSecret));
        Secret = _stagedSecret ?? Secret;
        (_staged, _stagedSecret) = (null, null);
        return "ok committed" + secret;
    }
}
