package io.lisa4j.examples;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.ReadResult;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.FileAttr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

public class ReadHello {
    public static void main(String[] args) throws IOException {
        String socket = args.length > 0 ? args[0] : "unix:/tmp/lisa4j-demo/lisa4j.sock"; // the path ./lisa4j printed
        try (Session session = Lisa4jClient.connect(socket)) {
            RemoteFs fs = session.mount("demo");
            FileAttr attr = fs.stat("hello.txt");
            System.out.println("hello.txt: " + attr.size() + " bytes, inode " + attr.ino());
            try (RemoteFile file = fs.open("hello.txt", ProtocolConstants.O_RDONLY)) {
                ReadResult read = file.pread(0, 4096);
                System.out.print(new String(read.data(), StandardCharsets.UTF_8));
            }
        }
    }
}
