using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Keys;
using Nethereum.KeyStore.Model;

namespace Millwright.Controller.Tests.Anchoring;

public sealed class AnchorKeystoreTests : IDisposable
{
    private static readonly ScryptParams Cheap = new() { N = 1 << 12, R = 8, P = 1, Dklen = 32 };
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "millwright-keystore-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_keystore_is_created_once_owner_only_and_opens_with_its_password_only()
    {
        string path = Path.Combine(_folder, "anchor-keystore.json");
        var created = await AnchorKeystore.OpenOrCreateAsync(path, "first password", Cheap, TestContext.Current.CancellationToken);
        var opened = await AnchorKeystore.OpenOrCreateAsync(path, "first password", Cheap, TestContext.Current.CancellationToken);

        Assert.True(created.Created);
        Assert.False(opened.Created);
        Assert.Equal(created.Address, opened.Address);
        Assert.Equal(created.PrivateKey, opened.PrivateKey);
        Assert.DoesNotContain(Convert.ToHexStringLower(created.PrivateKey), await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        InvalidOperationException wrong = await Assert.ThrowsAsync<InvalidOperationException>(
            () => AnchorKeystore.OpenOrCreateAsync(path, "another password", Cheap, TestContext.Current.CancellationToken));
        Assert.Contains(AnchorOptions.PasswordVariable, wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_chain_gets_a_generated_password_kept_beside_the_keystore_and_a_configured_chain_needs_one()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AnchorOptions.PasswordVariable)))
        {
            return; // the environment supplies the password here
        }

        var (first, generated) = await AnchorPassword.ResolveAsync(new AnchorOptions(), _folder, TestContext.Current.CancellationToken);
        var (again, _) = await AnchorPassword.ResolveAsync(new AnchorOptions(), _folder, TestContext.Current.CancellationToken);
        Assert.True(generated);
        Assert.Equal(first, again);
        Assert.True(first.Length >= 32);

        string file = Path.Combine(_folder, "password.txt");
        await File.WriteAllTextAsync(file, "from a file\r\nsecond line", TestContext.Current.CancellationToken);
        Assert.Equal("from a file", (await AnchorPassword.ResolveAsync(new AnchorOptions { PasswordFile = file }, _folder, TestContext.Current.CancellationToken)).Password);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => AnchorPassword.ResolveAsync(new AnchorOptions { RpcUrl = "https://rpc.example" }, _folder, TestContext.Current.CancellationToken));
    }
}
