
namespace Grid.Grains.Access;

[GrainType("apikeys")]
public sealed class ApiKeysGrain([PersistentState("apikeys")] IPersistentState<ApiKeysState> state) : Grain, IApiKeysGrain
{
    public async Task<StoredApiKey> Add(StoredApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        state.State.Keys.Add(key);
        state.State.Version++;
        await state.WriteStateAsync();
        return key;
    }

    public Task<StoredApiKey[]> List() => Task.FromResult(state.State.Keys.ToArray());

    public async Task<bool> Remove(string id)
    {
        if (state.State.Keys.RemoveAll(k => k.Id == id) == 0)
        {
            return false;
        }

        state.State.Version++;
        await state.WriteStateAsync();
        return true;
    }

    public Task<long> Version() => Task.FromResult(state.State.Version);
}
