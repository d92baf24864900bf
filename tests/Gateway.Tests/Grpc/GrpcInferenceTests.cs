using System.Buffers.Binary;
using Google.Rpc;
using Grpc.Core;
using OrleansServe.Gateway.Tests.Infrastructure;
using Oip = Inference;

namespace OrleansServe.Gateway.Tests.Grpc;

/// <summary>
/// <c>inference.GRPCInferenceService</c> through a client generated from the official proto, over HTTP/2 on
/// <c>Gateway:GrpcPort</c>: every RPC, answers equal to REST's, and each failure's status.
/// </summary>
[Collection(GrpcCollection.Name)]
public class GrpcInferenceTests(GrpcGatewayFactory factory)
{
    private Oip.GRPCInferenceService.GRPCInferenceServiceClient Client => factory.Client;

    [Fact]
    public async Task ServerRpcs_AnswerAsRestDoes()
    {
        Assert.True((await Client.ServerLiveAsync(new Oip.ServerLiveRequest())).Live);
        Assert.True((await Client.ServerReadyAsync(new Oip.ServerReadyRequest())).Ready);
        var metadata = await Client.ServerMetadataAsync(new Oip.ServerMetadataRequest());
        var rest = await factory.Rest.GetFromJsonAsync<JsonObject>("/v2");
        Assert.Equal(rest!["name"]!.GetValue<string>(), metadata.Name);
        Assert.Equal(rest["version"]!.GetValue<string>(), metadata.Version);
        Assert.Equal(rest["extensions"]!.AsArray().Select(e => e!.GetValue<string>()), metadata.Extensions);
    }

    [Fact]
    public async Task ModelReady_SaysWhetherAServerHoldsTheModel()
    {
        Assert.True((await Client.ModelReadyAsync(new Oip.ModelReadyRequest { Name = "mobilenetv2" })).Ready);
        Assert.True((await Client.ModelReadyAsync(new Oip.ModelReadyRequest { Name = "B", Version = "1" })).Ready);
        Assert.False((await Client.ModelReadyAsync(new Oip.ModelReadyRequest { Name = "C" })).Ready); // known, not loaded
    }

    [Theory]
    [InlineData("mobilenetv2")]
    [InlineData("B")]
    public async Task ModelMetadata_IsRestsMetadata(string model)
    {
        var metadata = await Client.ModelMetadataAsync(new Oip.ModelMetadataRequest { Name = model });
        var rest = (await factory.Rest.GetFromJsonAsync<JsonObject>($"/v2/models/{model}"))!;
        Assert.Equal(rest["name"]!.GetValue<string>(), metadata.Name);
        Assert.Equal(rest["platform"]!.GetValue<string>(), metadata.Platform);
        Assert.Equal(["1"], metadata.Versions);
        Assert.Equal(Tensors(rest["inputs"]!), metadata.Inputs.Select(t => $"{t.Name}:{t.Datatype}:{string.Join(',', t.Shape)}"));
        Assert.Equal(Tensors(rest["outputs"]!), metadata.Outputs.Select(t => $"{t.Name}:{t.Datatype}:{string.Join(',', t.Shape)}"));
        Assert.Equal(rest["properties"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()), metadata.Properties);

        static IEnumerable<string> Tensors(JsonNode tensors) => tensors.AsArray().Select(t =>
            $"{t!["name"]}:{t["datatype"]}:{string.Join(',', t["shape"]!.AsArray().Select(d => d!.GetValue<long>()))}");
    }

    [Fact]
    public async Task ImageBatch_HasRestsTopK_ForTheSameImages()
    {
        var images = TestImages.All;
        var response = await Client.ModelInferAsync(OipRequests.Images("mobilenetv2", images, topK: 3));

        var classification = Assert.Single(response.Outputs);
        Assert.Equal("classification", classification.Name);
        Assert.Equal([images.Count, 3L], classification.Shape);
        var grpc = classification.Contents.BytesContents.Select(b => b.ToStringUtf8()).ToList();
        var rest = await RestTopKAsync(images, 3);
        Assert.Equal(rest.Select(ClassOf), grpc.Select(ClassOf));
        Assert.All(rest.Zip(grpc), pair => Assert.Equal(ScoreOf(pair.First), ScoreOf(pair.Second), 3));
        Assert.Contains("Egyptian cat", grpc[3]); // the committed photos: a tench, then an Egyptian cat
        Assert.Equal("mobilenetv2", response.ModelName);
        Assert.True(response.Parameters["batch_size"].Int64Param >= 1);
    }

    [Fact]
    public async Task RawInputContents_AreAnsweredInRawOutputContents()
    {
        var request = OipRequests.Images("mobilenetv2", TestImages.All, raw: true);
        request.Outputs.Add(OipRequests.Output("classification", topK: 2));
        request.Outputs.Add(OipRequests.Output("indices"));
        var response = await Client.ModelInferAsync(request);

        Assert.Equal(2, response.RawOutputContents.Count);
        Assert.All(response.Outputs, o => Assert.Null(o.Contents));
        var classes = OipRequests.Unpack(response.RawOutputContents[0]);
        var indices = Enumerable.Range(0, response.RawOutputContents[1].Length / 8)
            .Select(i => BinaryPrimitives.ReadInt64LittleEndian(response.RawOutputContents[1].Span[(i * 8)..])).ToList();
        Assert.Equal((await RestTopKAsync(TestImages.All, 2)).Select(ClassOf), classes.Select(ClassOf));
        Assert.Equal(classes.Select(c => long.Parse(c.Split(':')[1])), indices);
    }

    [Fact]
    public async Task TokenModel_ServesInt64Contents_AndRawInt32()
    {
        var typed = await Client.ModelInferAsync(OipRequests.Tokens("B", 5, 6, 7));
        Assert.Equal([5L, 6L, 7L], Assert.Single(typed.Outputs).Contents.Int64Contents);

        var raw = new Oip.ModelInferRequest { ModelName = "B", Id = "mine" };
        raw.Inputs.Add(new Oip.ModelInferRequest.Types.InferInputTensor { Name = "tokens", Datatype = "INT32", Shape = { 2 } });
        raw.RawInputContents.Add(Google.Protobuf.ByteString.CopyFrom([3, 0, 0, 0, 4, 0, 0, 0]));
        var answer = await Client.ModelInferAsync(raw);
        Assert.Equal("mine", answer.Id);
        var served = answer.RawOutputContents[0].ToByteArray();
        Assert.Equal([3L, 4L], [BinaryPrimitives.ReadInt64LittleEndian(served), BinaryPrimitives.ReadInt64LittleEndian(served.AsSpan(8))]);
    }

    public static TheoryData<string> BadRequests => new(GrpcBadRequests.Names);

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRequest_IsInvalidArgument(string name)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Client.ModelInferAsync(GrpcBadRequests.Build(name)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.False(string.IsNullOrEmpty(e.Status.Detail));
    }

    [Fact]
    public async Task UnknownModelOrVersion_IsNotFound()
    {
        var calls = new Func<Task>[]
        {
            () => Client.ModelInferAsync(OipRequests.Tokens("no-such-model", 1)).ResponseAsync,
            () => Client.ModelInferAsync(new Oip.ModelInferRequest(OipRequests.Tokens("B", 1)) { ModelVersion = "7" }).ResponseAsync,
            () => Client.ModelMetadataAsync(new Oip.ModelMetadataRequest { Name = "no-such-model" }).ResponseAsync,
            () => Client.ModelReadyAsync(new Oip.ModelReadyRequest { Name = "B", Version = "2" }).ResponseAsync,
        };
        foreach (var call in calls)
        {
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);
        }
    }

    [Fact]
    public async Task ModelNoServerHolds_IsUnavailable_WithRetryInfo()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Client.ModelInferAsync(OipRequests.Tokens("C", 1)).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        var retry = e.GetRpcStatus()!.GetDetail<RetryInfo>();
        Assert.Equal(TimeSpan.FromSeconds(1), retry!.RetryDelay.ToTimeSpan());
        Assert.Equal("1", e.Trailers.GetValue("retry-after"));
    }

    [Fact]
    public async Task Deadline_BecomesTheRequestsDeadline_AndTheEngineShedsTheWork()
    {
        using var engine = new EngineOutcomes(factory.Services);
        var shedBefore = engine.Finished("D", "DeadlineExceeded");
        // 3000 tokens of D take about 3 s of CPU; with 300 ms left the engine refuses them before computing.
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ModelInferAsync(OipRequests.Tokens("D", 3000), deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        await Eventually.ValueAsync(() => Task.FromResult(engine.Finished("D", "DeadlineExceeded") > shedBefore ? "shed" : null),
            TimeSpan.FromSeconds(30), "the engine to shed D's request at its deadline");
    }

    [Fact]
    public async Task ClientCancel_CancelsTheWorkItQueued()
    {
        using var engine = new EngineOutcomes(factory.Services);
        var cancelledBefore = engine.Finished("D", "Cancelled");
        // One engine worker: a long request of D holds it, so the call below waits in the queue until it is cancelled.
        // Its deadline is generous: on a loaded machine its 2.5 s of CPU can take far longer than the default 20 s.
        using var blocking = new HttpRequestMessage(HttpMethod.Post, "/v2/models/D/infer") { Content = JsonContent.Create(new { tokens = 2500 }) };
        blocking.Headers.Add("X-Timeout-Ms", "280000");
        var blocker = factory.Rest.SendAsync(blocking);
        await Eventually.ValueAsync(() => Task.FromResult(engine.InFlight() > 0 ? "running" : null), TimeSpan.FromSeconds(30), "the blocker to run");
        using var cancel = new CancellationTokenSource();
        var call = Client.ModelInferAsync(OipRequests.Tokens("D", 1), cancellationToken: cancel.Token);
        await Eventually.ValueAsync(() => Task.FromResult(engine.QueueLength() > 0 ? "queued" : null), TimeSpan.FromSeconds(30), "the call to queue");

        cancel.Cancel();
        Assert.Equal(StatusCode.Cancelled, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync)).StatusCode);
        await Eventually.ValueAsync(() => Task.FromResult(engine.Finished("D", "Cancelled") > cancelledBefore ? "cancelled" : null),
            TimeSpan.FromSeconds(30), "the engine to drop the cancelled call's work");
        Assert.Equal(HttpStatusCode.OK, (await blocker).StatusCode);
    }

    /// <summary>Top-k "score:index:label" strings REST's Open Inference Protocol JSON answers for the images, image-major.</summary>
    private async Task<List<string>> RestTopKAsync(IReadOnlyList<byte[]> images, int k)
    {
        var body = new
        {
            inputs = new[] { new { name = "image", datatype = "BYTES", shape = new[] { images.Count }, data = images.Select(Convert.ToBase64String).ToArray() } },
            outputs = new[] { new { name = "classification", parameters = new { classification = k } } },
        };
        var response = await factory.Rest.PostAsJsonAsync("/v2/models/mobilenetv2/infer", body);
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return json["outputs"]![0]!["data"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
    }

    private static string ClassOf(string classification) => classification[(classification.IndexOf(':') + 1)..];

    private static double ScoreOf(string classification) => double.Parse(classification[..classification.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture);
}
