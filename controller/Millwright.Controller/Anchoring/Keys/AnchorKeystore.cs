using Millwright.Controller.Anchoring.State;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Model;
using Nethereum.Signer;

namespace Millwright.Controller.Anchoring.Keys;

/// <summary>
/// The anchoring account's private key in an encrypted keystore file (Web3 Secret Storage v3, scrypt + AES-128-CTR),
/// created on first use. The key leaves the file only in memory, to sign.
/// </summary>
internal static class AnchorKeystore
{
    /// <summary>Opens the keystore at <paramref name="path"/>, or creates it with a new random key when there is none.</summary>
    /// <param name="scrypt">Key-derivation cost for a new file; null: Nethereum's default (n 262144), about a second.</param>
    public static async Task<(byte[] PrivateKey, string Address, bool Created)> OpenOrCreateAsync(
        string path, string password, ScryptParams? scrypt, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            string json = await File.ReadAllTextAsync(path, cancellationToken);
            byte[] key = await Task.Run(() => Decrypt(path, json, password), cancellationToken);
            return (key, new EthECKey(key, true).GetPublicAddress(), false);
        }

        EthECKey created = EthECKey.GenerateKey();
        byte[] privateKey = created.GetPrivateKeyAsBytes();
        string address = created.GetPublicAddress();
        var service = new KeyStoreScryptService();
        string encrypted = await Task.Run(
            () => scrypt is null
                ? service.EncryptAndGenerateKeyStoreAsJson(password, privateKey, address)
                : service.EncryptAndGenerateKeyStoreAsJson(password, privateKey, address, scrypt),
            cancellationToken);
        await AtomicFile.WriteAsync(path, System.Text.Encoding.UTF8.GetBytes(encrypted), cancellationToken);
        return (privateKey, address, true);
    }

    private static byte[] Decrypt(string path, string json, string password)
    {
        try
        {
            return new KeyStoreService().DecryptKeyStoreFromJson(password, json);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"the anchoring keystore {path} did not open with the configured password ({AnchorOptions.PasswordVariable} or {AnchorOptions.Section}:PasswordFile): {e.Message}", e);
        }
    }
}
