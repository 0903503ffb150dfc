package io.gigagate.config;

import io.gigagate.camel.ContentAttachmentsProcessor;
import io.gigagate.camel.FilesProcessor;
import io.gigagate.camel.GigaChatFileUploader;
import io.gigagate.files.AddressPolicy;
import io.gigagate.files.ContentPartReader;
import io.gigagate.files.FileLimits;
import io.gigagate.files.UploadCache;
import io.gigagate.files.UrlDownloader;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring of images, audio and documents in chat ({@code contentAttachmentsProcessor}) and of
 * /v1/files ({@code filesProcessor}).
 */
@Configuration(proxyBeanMethods = false)
public class FilesConfiguration {

    @Bean
    FileLimits fileLimits(FilesProperties files) {
        return new FileLimits(files.maxImageSize().toBytes(), files.maxAudioSize().toBytes(),
                files.maxTextSize().toBytes(), files.maxImagesPerRequest());
    }

    @Bean(destroyMethod = "close")
    UrlDownloader urlDownloader(FilesProperties files) {
        return new UrlDownloader(new AddressPolicy(files.allowedHosts()), files.downloadTimeout(),
                files.maxDownloadSize().toBytes(), files.maxRedirects());
    }

    @Bean
    UploadCache uploadCache(FilesProperties files) {
        return new UploadCache(files.cacheSize(), files.cacheTtl());
    }

    @Bean
    GigaChatFileUploader gigaChatFileUploader(ProducerTemplate template) {
        return new GigaChatFileUploader(template);
    }

    @Bean
    ContentAttachmentsProcessor contentAttachmentsProcessor(UrlDownloader downloader, FileLimits limits,
            UploadCache cache, GigaChatFileUploader uploader, Gpt2GigaProperties gpt2giga) {
        return new ContentAttachmentsProcessor(new ContentPartReader(downloader, limits), limits, cache, uploader,
                gpt2giga.enableImages());
    }

    @Bean
    FilesProcessor filesProcessor(GigaChatFileUploader uploader, UploadCache cache, FileLimits limits) {
        return new FilesProcessor(uploader, cache, limits);
    }
}
