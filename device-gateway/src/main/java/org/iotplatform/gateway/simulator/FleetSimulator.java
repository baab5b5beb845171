package org.iotplatform.gateway.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A fleet of simulated devices: {@code stations} pumping stations of {@code pumps} pumps each and
 * {@code vending} vending machines, the same fleet for the same seed. On first start it gives every
 * device a random key (kept in {@code <state>/fleet-keys.csv}, mode 600) and registers the fleet with
 * the platform by bulk import; afterwards it only connects.
 *
 * <pre>java -jar iot-device-gateway.jar simulate --platform http://localhost:8080 --admin-password-file F
 *   [--gateway tcp://localhost:1883] [--hub iothub.local] [--state .run/simulator] [--stations 5]
 *   [--pumps 4] [--vending 10] [--interval-seconds 5] [--seed 42]</pre>
 */
public final class FleetSimulator {

   private static final Logger LOG = Logger.getLogger(FleetSimulator.class.getName());

   /** A device of the fleet: its id and how it behaves. */
   record Member(String deviceId, DeviceModel model) {
   }

   private FleetSimulator() {
   }

   /** The fleet for a seed: ids, tags and models are the same every time. */
   static List<Member> fleet(int stations, int pumpsPerStation, int vending, long seed) {
      List<Member> members = new ArrayList<>();
      for (int s = 1; s <= stations; s++) {
         String station = String.format(Locale.ROOT, "station-%02d", s);
         for (int p = 1; p <= pumpsPerStation; p++) {
            members.add(new Member(station + "-pump-" + p, new PumpModel(seed * 1_000 + s * 10L + p, station, p)));
         }
      }
      for (int v = 1; v <= vending; v++) {
         String id = String.format(Locale.ROOT, "vending-%02d", v);
         members.add(new Member(id, new VendingMachineModel(seed * 1_000 + 500 + v, "site-" + ((v - 1) / 3 + 1))));
      }
      return members;
   }

   public static void run(String[] args) throws Exception {
      Map<String, String> o = options(args);
      String platform = o.getOrDefault("platform", "http://localhost:8080");
      String admin = o.getOrDefault("admin-user", "admin");
      String password = Files.readString(Path.of(required(o, "admin-password-file"))).trim();
      String gateway = o.getOrDefault("gateway", "tcp://localhost:1883");
      String hub = o.getOrDefault("hub", "iothub.local");
      Path state = Path.of(o.getOrDefault("state", ".run/simulator"));
      long seed = Long.parseLong(o.getOrDefault("seed", "42"));
      Duration interval = Duration.ofSeconds(Long.parseLong(o.getOrDefault("interval-seconds", "5")));
      List<Member> fleet = fleet(Integer.parseInt(o.getOrDefault("stations", "5")), Integer.parseInt(o.getOrDefault("pumps", "4")),
            Integer.parseInt(o.getOrDefault("vending", "10")), seed);

      Files.createDirectories(state);
      Map<String, byte[]> keys = keys(state.resolve("fleet-keys.csv"), fleet);
      register(platform, admin, password, fleet, keys);

      ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
         Thread t = new Thread(r, "simulator");
         t.setDaemon(true);
         return t;
      });
      List<SimulatedDevice> devices = new ArrayList<>();
      Clock clock = Clock.systemUTC();
      for (int i = 0; i < fleet.size(); i++) {
         Member m = fleet.get(i);
         Path outbox = state.resolve("outbox");
         Files.createDirectories(outbox);
         SimulatedDevice device = new SimulatedDevice(m.deviceId(), keys.get(m.deviceId()), hub, gateway, outbox, m.model(),
               interval, clock, seed + i);
         devices.add(device);
         device.start(scheduler);
      }
      LOG.info(() -> "simulating " + fleet.size() + " devices through " + gateway + ", a reading every " + interval.toSeconds() + " s each");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> devices.forEach(SimulatedDevice::stop), "simulator-stop"));
      while (true) {
         TimeUnit.MINUTES.sleep(1);
         long connected = devices.stream().filter(SimulatedDevice::connected).count();
         long published = devices.stream().mapToLong(SimulatedDevice::published).sum();
         LOG.info(() -> "fleet: " + connected + "/" + devices.size() + " connected, " + published + " readings queued so far");
      }
   }

   /** The fleet's keys, made once and kept private to this user. */
   private static Map<String, byte[]> keys(Path file, List<Member> fleet) throws IOException {
      Map<String, byte[]> keys = new TreeMap<>();
      if (Files.exists(file)) {
         for (String line : Files.readAllLines(file)) {
            int comma = line.indexOf(',');
            if (comma > 0) {
               keys.put(line.substring(0, comma), Base64.getDecoder().decode(line.substring(comma + 1)));
            }
         }
      }
      SecureRandom random = new SecureRandom();
      boolean added = false;
      for (Member m : fleet) {
         if (!keys.containsKey(m.deviceId())) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            keys.put(m.deviceId(), key);
            added = true;
         }
      }
      if (added) {
         StringBuilder csv = new StringBuilder();
         keys.forEach((id, key) -> csv.append(id).append(',').append(Base64.getEncoder().encodeToString(key)).append('\n'));
         Files.writeString(file, csv);
         Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
      return keys;
   }

   /** Registers the devices the platform does not know yet (bulk import with their keys and tags). */
   private static void register(String platform, String admin, String password, List<Member> fleet, Map<String, byte[]> keys)
         throws IOException, InterruptedException {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      String auth = "Basic " + Base64.getEncoder().encodeToString((admin + ":" + password).getBytes(StandardCharsets.UTF_8));
      StringBuilder csv = new StringBuilder("deviceId,status,primaryKey,secondaryKey,tags\n");
      int missing = 0;
      for (Member m : fleet) {
         HttpResponse<Void> known = http.send(HttpRequest.newBuilder(URI.create(platform + "/api/v1/devices/" + m.deviceId()))
               .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.discarding());
         if (known.statusCode() == 200) {
            continue;
         }
         Map<String, String> tags = new LinkedHashMap<>(new TreeMap<>(m.model().tags()));
         StringBuilder tagText = new StringBuilder();
         tags.forEach((k, v) -> tagText.append(tagText.length() == 0 ? "" : ";").append(k).append('=').append(v));
         csv.append(m.deviceId()).append(",enabled,").append(Base64.getEncoder().encodeToString(keys.get(m.deviceId())))
               .append(",,").append(tagText).append('\n');
         missing++;
      }
      if (missing == 0) {
         return;
      }
      HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(platform + "/api/v1/devices/import"))
            .header("Authorization", auth).header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
      if (imported.statusCode() != 200) {
         throw new IllegalStateException("registering the fleet failed (" + imported.statusCode() + "): " + imported.body());
      }
      int registered = missing;
      LOG.info(() -> "registered " + registered + " simulated devices");
   }

   private static String required(Map<String, String> o, String name) {
      String v = o.get(name);
      if (v == null) {
         throw new IllegalArgumentException("--" + name + " is required");
      }
      return v;
   }

   private static Map<String, String> options(String[] args) {
      Map<String, String> options = new LinkedHashMap<>();
      for (int i = 1; i + 1 < args.length; i += 2) {
         if (!args[i].startsWith("--")) {
            throw new IllegalArgumentException("expected --option value, got " + args[i]);
         }
         options.put(args[i].substring(2), args[i + 1]);
      }
      return options;
   }
}
